"""The schema of a model file: one declaration per TOML table, each key with its type, default,
choices and help. The loader reads by it, and the README's key reference is rendered from it.
The date rules' tables are in :mod:`.rules`, the meeting calendars' in :mod:`.meetings`."""

from __future__ import annotations

from ..types import DEFAULT_LEVELS, PHASE_KINDS, SPLITS
from .common import DOC_SOURCE, MODEL_LEVELS, shift_key, source_key
from .keys import Given, Key, Table
from .meetings import MEETING, MEETING_PLAN
from .rules import GROUP_OVERRIDE, OVERRIDE, POINT, TREATMENT
from .values import BOOL, CLOSED_DAYS, EMAIL, ID, LEVELS, LINE, PHASE_BOUND, TABLE, TABLES, TEXT, TEXTS, URL, YEARS

ROOT = Table(
    "(top level)",
    "A model file holds one `[model]` table and any number of documents and meetings.",
    "En modelfil har én `[model]`-tabel og et vilkårligt antal dokumenter og møder.",
    (
        Key("model", TABLE, "The model itself.", "Selve modellen.", required=True),
        Key("document", TABLES, "The governance documents and statutory items.", "Styringsdokumenterne.", default=()),
        Key("meeting", TABLES, "The meeting calendars.", "Mødekalenderne.", default=()),
        Key(
            "override",
            TABLES,
            "Deadlines of one year moved together (the minister's moves).",
            "Et års frister flyttet samlet (ministerens flytninger).",
            default=(),
        ),
    ),
)

MODEL = Table(
    "[model]",
    "The model: its name, what it includes, its units and closed days.",
    "Modellen: navn, hvad den inkluderer, enheder og lukkedage.",
    (
        Key("id", ID, "The model's id.", "Modellens id.", required=True),
        Key("name", LINE, "Its name (Danish).", "Navnet.", fallback=(Given("id"),)),
        Key("name_en", LINE, "Its name in English.", "Navnet på engelsk.", fallback=(Given("name"), Given("id"))),
        Key("description", TEXT, "A line on what the model holds.", "En linje om, hvad modellen rummer.", default=""),
        Key(
            "include",
            TEXTS,
            "Models this one builds on (`dk`, or paths relative to this file); their documents and meetings "
            "merge by id, this file's keys winning.",
            "Modeller, denne bygger på (`dk`, eller stier i forhold til denne fil); dokumenter og møder "
            "flettes efter id, og denne fils nøgler vinder.",
            default=(),
        ),
        Key(
            "units",
            TEXT,
            "The organisation units' file (.xlsx or CSV; `id,name,area,leader,director` or Danish "
            "`enhed,navn,område,leder,direktør`), relative to this file.",
            "Organisationsenhedernes fil (.xlsx eller CSV; `id,name,area,leader,director` eller "
            "`enhed,navn,område,leder,direktør`), i forhold til denne fil.",
        ),
        Key(
            "status",
            TEXT,
            "The progress ledger (`cycle status`): a CSV or xlsx file of the deadlines met "
            "(`document,year,unit,done,reference,note`, Danish headers too), relative to this file.",
            "Statusfilen (`cycle status`): en CSV- eller xlsx-fil med de frister, der er klaret "
            "(`dokument,år,enhed,vedtaget,reference,note`), i forhold til denne fil.",
            default="",
        ),
        Key("url", URL, "A web page for the model's events.", "En webside for modellens begivenheder.", default=""),
        Key(
            "organizer",
            EMAIL,
            "The e-mail address of the office that keeps the calendar (often the governance or secretariat "
            "office): written as each event's `ORGANIZER`, which iTIP asks of a published calendar; unset: none.",
            "E-mailadressen på kontoret, der fører kalenderen (ofte styrings- eller sekretariatsfunktionen): "
            "skrives som hver begivenheds `ORGANIZER`, som iTIP kræver af en publiceret kalender; udeladt: ingen.",
            default="",
        ),
        Key(
            "levels",
            LEVELS,
            "The levels of the governance chain, top first.",
            "Styringskædens niveauer, øverste først.",
            default=DEFAULT_LEVELS,
        ),
        Key(
            "closed_days",
            CLOSED_DAYS,
            "Days the offices close besides the public holidays (they are not working days).",
            "Dage, hvor kontorerne holder lukket ud over helligdagene (de er ikke hverdage).",
            default=(),
        ),
        source_key("Where the model comes from.", "Hvor modellen stammer fra.", default=""),
    ),
)

DOCUMENT = Table(
    "[[document]]",
    "A governance document (or a statutory item). A document with an included one's id patches it: "
    "its keys replace the base's.",
    "Et styringsdokument (eller et lovbestemt punkt). Et dokument med et inkluderet dokuments id "
    "retter det: dets nøgler erstatter grundmodellens.",
    (
        Key("id", ID, "The document's id.", "Dokumentets id.", required=True),
        Key(
            "enabled",
            BOOL,
            "`false` switches an included document off.",
            "`false` slår et inkluderet dokument fra.",
            default=True,
        ),
        Key("title", LINE, "The title (Danish).", "Titlen.", required=True),
        Key("title_en", LINE, "The title in English.", "Titlen på engelsk.", fallback=(Given("title"),), default=""),
        Key(
            "level",
            TEXT,
            "Its level in the governance chain.",
            "Dets niveau i styringskæden.",
            required=True,
            choices=MODEL_LEVELS,
            noun=("niveau", "level"),
            listing="known",
        ),
        Key(
            "parties",
            TEXTS,
            "Who makes it; the first is the owner.",
            "Hvem laver det; den første ejer det.",
            default=(),
        ),
        Key("parent", TEXT, "The id of the document above it in the chain.", "Id på dokumentet over det i kæden."),
        Key(
            "per_unit",
            BOOL,
            "One event per organisation unit.",
            "Én begivenhed pr. organisationsenhed.",
            default=False,
        ),
        Key(
            "concerns_units",
            BOOL,
            "Whether its events go into the per-unit feeds; unset: per-unit documents and those above them.",
            "Om dets begivenheder kommer i enhedernes kalendere; udeladt: dokumenter pr. enhed og dem over dem.",
        ),
        Key("purpose", TEXT, "What it is for.", "Hvad det er til.", default=""),
        Key(
            "purpose_en",
            TEXT,
            "What it is for, in English.",
            "Formålet på engelsk.",
            fallback=(Given("purpose"),),
            default="",
        ),
        source_key(
            "Where its rules come from (the law, a decision), shown to users.",
            "Hvor dets regler kommer fra (loven, en beslutning); vises for brugerne.",
            required=True,
        ),
        Key(
            "url",
            URL,
            "A web page about it; else the model's `url`.",
            "En webside om det; ellers modellens `url`.",
            default="",
        ),
        Key("phase", TABLES, "Its drafting windows and validity periods.", "Udarbejdelse og gyldighed.", default=()),
        Key("deadline", TABLES, "Its deadlines.", "Dets frister.", default=()),
        Key("milestone", TABLES, "Its milestones.", "Dets milepæle.", default=()),
        Key(
            "treatment",
            TABLES,
            "Its treatments: the meetings that handle it, tied to its deadlines.",
            "Dets behandlinger: møderne, der behandler det, knyttet til dets frister.",
            default=(),
        ),
    ),
)

PHASE = Table(
    "[[document.phase]]",
    "A drafting window or validity period, in quarters of the election period: absolute "
    '(`from = "År 1 Q1"`, `to = "År 1 Q4"`) or in each listed year (`years = [1, 2]`, `from = "Q1"`, '
    'or days: `from = "04-01"`, `to = "06-15"`).',
    "Et udarbejdelsesvindue eller en gyldighedsperiode i valgperiodens kvartaler: fast "
    '(`from = "År 1 Q1"`, `to = "År 1 Q4"`) eller i hvert angivet år (`years = [1, 2]`, `from = "Q1"`, '
    'eller dage: `from = "04-01"`, `to = "06-15"`).',
    (
        Key(
            "kind",
            TEXT,
            "Drafting (being written) or validity (in force).",
            "Udarbejdelse eller gyldighed.",
            required=True,
            choices=PHASE_KINDS,
            noun=("fase", "phase kind"),
            listing="or",
        ),
        Key("from", PHASE_BOUND, "The first quarter (or day).", "Det første kvartal (eller dag).", required=True),
        Key(
            "to",
            PHASE_BOUND,
            "The last quarter (or day), inclusive.",
            "Det sidste kvartal (eller dag), inklusive.",
            required=True,
        ),
        Key("years", YEARS, "Repeat in these years of the term.", "Gentag i disse år af valgperioden."),
        Key(
            "every",
            TEXT,
            "Split into one block per quarter or per year.",
            "Opdel i én blok pr. kvartal eller pr. år.",
            choices=SPLITS,
            noun=("opdeling", "split"),
            listing="or",
        ),
        Key(
            "deadline",
            BOOL,
            "An adoption deadline on the last working day of each block.",
            "En vedtagelsesfrist på sidste hverdag i hver blok.",
            default=False,
        ),
        Key(
            "deadline_label",
            LINE,
            "The deadline's label; unset: the title followed by “vedtages”.",
            "Fristens tekst; udeladt: titlen efterfulgt af “vedtages”.",
        ),
        Key(
            "deadline_label_en",
            LINE,
            "The deadline's label in English; unset: `title_en` followed by “adopted”.",
            "Fristens tekst på engelsk; udeladt: `title_en` efterfulgt af “adopted”.",
        ),
        shift_key("previous"),
        source_key("Where the rule comes from.", "Hvor reglen kommer fra.", fallback=(DOC_SOURCE,)),
        Key("note", TEXT, "A note shown with its events.", "En note, der vises ved begivenhederne.", default=""),
    ),
)

#: Every table, in the order the key reference shows them.
ALL = (ROOT, MODEL, DOCUMENT, PHASE, POINT, TREATMENT, OVERRIDE, GROUP_OVERRIDE, MEETING, MEETING_PLAN)
