"""The date rules' tables: deadlines and milestones, treatments (the meeting that handles a
document), and the overrides of single years, one rule's or several documents' together."""

from __future__ import annotations

from ..types import ANCHOR_ON, EDGES, LANDINGS
from .common import DOC_SOURCE, DOC_TITLE, DOC_TITLE_EN, KIND_SHIFT, shift_key, source_key
from .keys import Given, Key, Table
from .values import BOOL, DATE, DATES_BY_ID, ID, LINE, MONTH_DAY, OFFSET, RRULE, TABLES, TERM_QUARTER, TEXT, YEAR, YEARS

# The keys of a date rule, shared by deadlines, milestones and treatments.
_LABEL = Key("label", LINE, "The event's label.", "Begivenhedens tekst.", fallback=(DOC_TITLE,), default="")
_LABEL_EN = Key(
    "label_en",
    LINE,
    "The event's label in English.",
    "Begivenhedens tekst på engelsk.",
    fallback=(Given("label"), DOC_TITLE_EN),
    default="",
)
_RRULE = Key("rrule", RRULE, "The dates by a recurrence rule.", "Datoerne efter en gentagelsesregel.")
_AT = Key("at", TERM_QUARTER, "The date at a quarter of the term.", "Datoen ved et kvartal i valgperioden.")
_EDGE = Key(
    "edge",
    TEXT,
    "With `at`: the quarter's first or last day.",
    "Med `at`: kvartalets første eller sidste dag.",
    default="end",
    choices=EDGES,
    noun=("kant", "edge"),
    listing="or",
)
_ANCHOR = Key(
    "anchor",
    TEXT,
    "The id of a document (its deadlines and milestones give the dates) or of a meeting calendar.",
    "Id på et dokument (dets frister og milepæle giver datoerne) eller på en mødekalender.",
)
_ANCHOR_ON = Key(
    "anchor_on",
    TEXT,
    "With a document `anchor`: count from its deadlines, milestones or treatments only.",
    "Med et dokument som `anchor`: regn kun fra dets frister, milepæle eller behandlinger.",
    choices=ANCHOR_ON,
    noun=("slags", "kind"),
)
_OFFSET = Key(
    "offset",
    OFFSET,
    "Moves each date: calendar days, weeks, months, years, or working days.",
    "Flytter hver dato: kalenderdage, uger, måneder, år eller hverdage.",
)
_YEARS = Key(
    "years", YEARS, "Keep only dates in these years of the term.", "Behold kun datoer i disse år af valgperioden."
)
_NOT_AFTER = Key(
    "not_after",
    MONTH_DAY,
    "The law's latest day in the year: a later date moves back to it.",
    "Lovens seneste dag i året: en senere dato flyttes tilbage til den.",
)
_NOT_BEFORE = Key(
    "not_before",
    MONTH_DAY,
    "With `meeting`: the earliest day in the year the meeting may be; no meeting between it and the "
    "date makes the rule impossible (`cycle validate` says so).",
    "Med `meeting`: den tidligste dag i året, mødet må ligge; intet møde mellem den og datoen gør "
    "reglen umulig (`cycle validate` siger det).",
)
_LANDING = Key(
    "landing",
    TEXT,
    "With `meeting`: the meeting on or before the date, or on or after it.",
    "Med `meeting`: mødet på eller før datoen, eller på eller efter den.",
    default=LANDINGS[0],
    choices=LANDINGS,
    noun=("placering", "landing"),
)
_RULE_SOURCE = source_key("Where the rule comes from.", "Hvor reglen kommer fra.", fallback=(DOC_SOURCE,))
_NOTE = Key("note", TEXT, "A note shown with its events.", "En note, der vises ved begivenhederne.", default="")

POINT = Table(
    "[[document.deadline]] / [[document.milestone]]",
    "A date rule: one of `rrule`, `at` or `anchor` gives the nominal dates; then `offset`, the year "
    "filter, overrides, `not_after`, `shift` and landing on a `meeting`, in that order.",
    "En datoregel: én af `rrule`, `at` eller `anchor` giver de nominelle datoer; derefter `offset`, "
    "årsfilteret, undtagelser, `not_after`, `shift` og placering på et `meeting`, i den rækkefølge.",
    (
        _LABEL,
        _LABEL_EN,
        _RRULE,
        _AT,
        _EDGE,
        _ANCHOR,
        _ANCHOR_ON,
        _OFFSET,
        _YEARS,
        _NOT_AFTER,
        shift_key(None, fallback=(KIND_SHIFT,)),
        Key(
            "meeting",
            TEXT,
            "The id of a meeting calendar: the date lands on one of its meetings in the same year.",
            "Id på en mødekalender: datoen lander på et af dens møder samme år.",
        ),
        _LANDING,
        _NOT_BEFORE,
        Key(
            "statutory",
            BOOL,
            "The law's deadline: shown as “Lovfrist”, never moved onto a meeting (give a treatment).",
            "Lovens frist: vises som “Lovfrist” og flyttes aldrig til et møde (angiv en behandling).",
            default=False,
        ),
        Key(
            "assumed",
            BOOL,
            "The date is an assumption (custom, or no source gives the day): shown as such.",
            "Datoen er en antagelse (sædvane, eller ingen kilde giver dagen): vises som sådan.",
            default=False,
        ),
        _RULE_SOURCE,
        _NOTE,
        Key(
            "override", TABLES, "Dates set by hand for single years.", "Datoer sat i hånden for enkelte år.", default=()
        ),
    ),
    one_of=("rrule", "at", "anchor"),
)

TREATMENT = Table(
    "[[document.treatment]]",
    "A treatment (“Behandling”): the meeting that handles the document, shown beside its deadline. "
    "Without `rrule`, `at` or `anchor` it follows the document's deadlines: the last meeting on or "
    "before each. With one, that date (after `offset`) is the limit, and still no later than the "
    "deadline of its year; `cycle validate` fails when no meeting fits or a treatment falls after "
    "the deadline.",
    "En behandling: mødet, der behandler dokumentet, vist ved siden af fristen. Uden `rrule`, `at` "
    "eller `anchor` følger den dokumentets frister: sidste møde på eller før hver. Med én af dem er "
    "den dato (efter `offset`) grænsen, og stadig senest årets frist; `cycle validate` fejler, når "
    "intet møde passer, eller en behandling ligger efter fristen.",
    (
        _LABEL,
        _LABEL_EN,
        Key(
            "meeting",
            TEXT,
            "The id of the meeting calendar that handles it.",
            "Id på mødekalenderen, der behandler det.",
            required=True,
        ),
        _RRULE,
        _AT,
        _EDGE,
        _ANCHOR,
        _ANCHOR_ON,
        _OFFSET,
        _YEARS,
        _LANDING,
        _NOT_BEFORE,
        _NOT_AFTER,
        Key(
            "assumed",
            BOOL,
            "The date is an assumption; unset: as its meeting calendar's days.",
            "Datoen er en antagelse; udeladt: som mødekalenderens dage.",
        ),
        _RULE_SOURCE,
        _NOTE,
    ),
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

GROUP_OVERRIDE = Table(
    "[[override]]",
    "Several documents' deadlines of one calendar year moved together (budget 2020: adoption by "
    "5 November 2019). Rules anchored on them follow; every moved event says so in its note.",
    "Flere dokumenters frister i ét kalenderår flyttet samlet (budget 2020: vedtagelse senest "
    "5. november 2019). Regler forankret i dem følger med; hver flyttet begivenhed siger det i sin note.",
    (
        Key("id", ID, "The override's id.", "Flytningens id.", required=True),
        Key(
            "year",
            YEAR,
            "The calendar year whose deadlines move.",
            "Kalenderåret, hvis frister flyttes.",
            required=True,
        ),
        Key(
            "dates",
            DATES_BY_ID,
            "Each moved document's deadline that year: `{ budget-vedtagelse = 2019-11-05 }`.",
            "Hvert flyttet dokuments frist det år: `{ budget-vedtagelse = 2019-11-05 }`.",
            required=True,
        ),
        Key(
            "note",
            TEXT,
            "Why, shown with every moved event.",
            "Hvorfor; vises ved hver flyttet begivenhed.",
            required=True,
        ),
        Key("note_en", TEXT, "Why, in English.", "Hvorfor, på engelsk.", fallback=(Given("note"),)),
        source_key("Who moved them.", "Hvem flyttede dem.", required=True),
    ),
)
