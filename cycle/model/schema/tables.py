"""The schema of a model file: one declaration per TOML table, each key with its type, default,
choices and help. The loader reads by it, and the README's key reference is rendered from it."""

from __future__ import annotations

from ...workdays import SHIFT_POLICIES
from ..types import DEFAULT_LEVELS, EDGES, LANDINGS, PHASE_KINDS, SPLITS
from .keys import Given, Inherited, Key, Table
from .values import (
    BOOL,
    CLOSED_DAYS,
    DATE,
    DATES,
    EMAIL,
    ID,
    LEVELS,
    LINE,
    MONTH_DAY,
    OFFSET,
    PHASE_BOUND,
    RRULE,
    TABLE,
    TABLES,
    TERM_QUARTER,
    TEXT,
    TEXTS,
    URL,
    YEAR,
    YEARS,
)

#: A point rule's default shift off a non-working day: "senest"-deadlines move back, milestones stay.
POINT_SHIFT = {"deadline": "previous", "milestone": "none"}

MODEL_LEVELS = Inherited("levels", "one of the model's `levels`", "et af modellens `levels`")
FIRST_LEVEL = Inherited("level", "the first of the model's `levels`", "det første af modellens `levels`")
DOC_TITLE = Inherited("title", "the document's `title`", "dokumentets `title`")
DOC_TITLE_EN = Inherited("title_en", "the document's `title_en`", "dokumentets `title_en`")
DOC_SOURCE = Inherited("source", "the document's `source`", "dokumentets `source`")
KIND_SHIFT = Inherited(
    "shift",
    " for a deadline, ".join(f"`{v}`" for v in POINT_SHIFT.values()) + " for a milestone",
    " for en frist, ".join(f"`{v}`" for v in POINT_SHIFT.values()) + " for en milepæl",
)


def _shift(default: str | None, fallback: tuple = ()) -> Key:
    """The shift policy off a non-working day; its choices are the working-day module's."""
    return Key(
        "shift",
        TEXT,
        "Moves a date off a non-working day: to the previous or next working day, or not at all.",
        "Flytter en dato, der ikke er en hverdag: til forrige eller næste hverdag, eller slet ikke.",
        default=default,
        fallback=fallback,
        choices=tuple(SHIFT_POLICIES),
        noun=("flytning", "shift policy"),
    )


def _source(en: str, da: str, **kw) -> Key:
    return Key("source", TEXT, en, da, **kw)


ROOT = Table(
    "(top level)",
    "A model file holds one `[model]` table and any number of documents and meetings.",
    "En modelfil har én `[model]`-tabel og et vilkårligt antal dokumenter og møder.",
    (
        Key("model", TABLE, "The model itself.", "Selve modellen.", required=True),
        Key("document", TABLES, "The governance documents and statutory items.", "Styringsdokumenterne.", default=()),
        Key("meeting", TABLES, "The meeting calendars.", "Mødekalenderne.", default=()),
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
            "The organisation units' CSV file (`id,name,area,leader,director`), relative to this file.",
            "Organisationsenhedernes CSV-fil (`id,name,area,leader,director`), i forhold til denne fil.",
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
        _source("Where the model comes from.", "Hvor modellen stammer fra.", default=""),
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
        _source(
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
    ),
)

PHASE = Table(
    "[[document.phase]]",
    "A drafting window or validity period, in quarters of the election period: absolute "
    '(`from = "År 1 Q1"`, `to = "År 1 Q4"`) or in each listed year (`years = [1, 2]`, `from = "Q1"`).',
    "Et udarbejdelsesvindue eller en gyldighedsperiode i valgperiodens kvartaler: fast "
    '(`from = "År 1 Q1"`, `to = "År 1 Q4"`) eller i hvert angivet år (`years = [1, 2]`, `from = "Q1"`).',
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
        Key("from", PHASE_BOUND, "The first quarter.", "Det første kvartal.", required=True),
        Key("to", PHASE_BOUND, "The last quarter (inclusive).", "Det sidste kvartal (inklusive).", required=True),
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
        _shift("previous"),
        _source("Where the rule comes from.", "Hvor reglen kommer fra.", fallback=(DOC_SOURCE,)),
        Key("note", TEXT, "A note shown with its events.", "En note, der vises ved begivenhederne.", default=""),
    ),
)

POINT = Table(
    "[[document.deadline]] / [[document.milestone]]",
    "A date rule: one of `rrule`, `at` or `anchor` gives the nominal dates; then `offset`, the year "
    "filter, overrides, `not_after`, `shift` and landing on a `meeting`, in that order.",
    "En datoregel: én af `rrule`, `at` eller `anchor` giver de nominelle datoer; derefter `offset`, "
    "årsfilteret, undtagelser, `not_after`, `shift` og placering på et `meeting`, i den rækkefølge.",
    (
        Key("label", LINE, "The event's label.", "Begivenhedens tekst.", fallback=(DOC_TITLE,), default=""),
        Key(
            "label_en",
            LINE,
            "The event's label in English.",
            "Begivenhedens tekst på engelsk.",
            fallback=(Given("label"), DOC_TITLE_EN),
            default="",
        ),
        Key("rrule", RRULE, "The dates by a recurrence rule.", "Datoerne efter en gentagelsesregel."),
        Key("at", TERM_QUARTER, "The date at a quarter of the term.", "Datoen ved et kvartal i valgperioden."),
        Key(
            "edge",
            TEXT,
            "With `at`: the quarter's first or last day.",
            "Med `at`: kvartalets første eller sidste dag.",
            default="end",
            choices=EDGES,
            noun=("kant", "edge"),
            listing="or",
        ),
        Key(
            "anchor",
            TEXT,
            "The id of a document (its deadlines and milestones give the dates) or of a meeting calendar.",
            "Id på et dokument (dets frister og milepæle giver datoerne) eller på en mødekalender.",
        ),
        Key(
            "offset",
            OFFSET,
            "Moves each date: calendar days, weeks, months, years, or working days.",
            "Flytter hver dato: kalenderdage, uger, måneder, år eller hverdage.",
        ),
        Key(
            "years",
            YEARS,
            "Keep only dates in these years of the term.",
            "Behold kun datoer i disse år af valgperioden.",
        ),
        Key(
            "not_after",
            MONTH_DAY,
            "The law's latest day in the year: a later date moves back to it.",
            "Lovens seneste dag i året: en senere dato flyttes tilbage til den.",
        ),
        _shift(None, fallback=(KIND_SHIFT,)),
        Key(
            "meeting",
            TEXT,
            "The id of a meeting calendar: the date lands on one of its meetings in the same year.",
            "Id på en mødekalender: datoen lander på et af dens møder samme år.",
        ),
        Key(
            "landing",
            TEXT,
            "With `meeting`: the meeting on or before the date, or on or after it.",
            "Med `meeting`: mødet på eller før datoen, eller på eller efter den.",
            default=LANDINGS[0],
            choices=LANDINGS,
            noun=("placering", "landing"),
        ),
        _source("Where the rule comes from.", "Hvor reglen kommer fra.", fallback=(DOC_SOURCE,)),
        Key("note", TEXT, "A note shown with its events.", "En note, der vises ved begivenhederne.", default=""),
        Key(
            "override", TABLES, "Dates set by hand for single years.", "Datoer sat i hånden for enkelte år.", default=()
        ),
    ),
    one_of=("rrule", "at", "anchor"),
)

OVERRIDE = Table(
    "[[document.deadline.override]] / [[document.milestone.override]]",
    "One year's date set by hand (a minister moved the deadline), with its reason.",
    "Ét års dato sat i hånden (ministeren flyttede fristen), med begrundelsen.",
    (
        Key("year", YEAR, "The calendar year it replaces.", "Kalenderåret, den erstatter.", required=True),
        Key("date", DATE, "The date that year (in that year).", "Datoen det år (i det år).", required=True),
        Key("note", TEXT, "Why.", "Hvorfor.", default=""),
    ),
)

MEETING = Table(
    "[[meeting]]",
    "A meeting calendar that deadlines land on or are anchored to. A meeting with an included one's id patches it.",
    "En mødekalender, som frister placeres på eller forankres i. Et møde med et inkluderet mødes id retter det.",
    (
        Key("id", ID, "The calendar's id.", "Kalenderens id.", required=True),
        Key(
            "enabled",
            BOOL,
            "`false` switches an included calendar off.",
            "`false` slår en inkluderet kalender fra.",
            default=True,
        ),
        Key("title", LINE, "The meeting's title (Danish).", "Mødets titel.", required=True),
        Key("title_en", LINE, "The title in English.", "Titlen på engelsk.", fallback=(Given("title"),), default=""),
        Key(
            "level",
            TEXT,
            "Its level in the governance chain.",
            "Dets niveau i styringskæden.",
            fallback=(FIRST_LEVEL,),
            choices=MODEL_LEVELS,
            noun=("niveau", "level"),
            listing="known",
        ),
        Key("parties", TEXTS, "Who meets; the first is the owner.", "Hvem mødes; den første ejer mødet.", default=()),
        Key(
            "rrule",
            RRULE,
            "The meeting days by a recurrence rule.",
            "Mødedagene efter en gentagelsesregel.",
            required=True,
        ),
        Key("exdate", DATES, "Days without the meeting (cancelled).", "Dage uden mødet (aflyst).", default=()),
        Key("rdate", DATES, "Extra meeting days.", "Ekstra mødedage.", default=()),
        _source("Where the calendar comes from.", "Hvor kalenderen kommer fra.", required=True),
    ),
)

#: Every table, in the order the key reference shows them.
ALL = (ROOT, MODEL, DOCUMENT, PHASE, POINT, OVERRIDE, MEETING)
