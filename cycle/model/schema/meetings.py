"""The meeting calendars' tables: a calendar's RRULE and the real meeting plans read from files."""

from __future__ import annotations

from ..types import MEETING_SHIFTS
from .common import FIRST_LEVEL, MODEL_LEVELS, source_key
from .keys import Given, Key, Table
from .values import BOOL, CALENDAR_YEARS, DATES, ID, LINE, RRULE, TABLES, TEXT, TEXTS

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
        Key(
            "shift",
            TEXT,
            "A day of the RRULE on a public holiday or closed day: moved to the next or previous working "
            "day, skipped, or kept.",
            "En dag efter RRULE'en på en helligdag eller lukkedag: flyttet til næste eller forrige hverdag, "
            "droppet eller beholdt.",
            default="next",
            choices=MEETING_SHIFTS,
            noun=("flytning", "shift policy"),
        ),
        Key(
            "assumed",
            BOOL,
            "The RRULE's days are an assumption (not the council's adopted plan): shown as such.",
            "RRULE'ens dage er en antagelse (ikke kommunens vedtagne mødeplan): vises som sådan.",
            default=True,
        ),
        Key(
            "plan",
            TABLES,
            "Real meeting plans: their days replace the RRULE's in the years they cover.",
            "Rigtige mødeplaner: deres dage erstatter RRULE'ens i de år, de dækker.",
            default=(),
        ),
        source_key("Where the calendar comes from.", "Hvor kalenderen kommer fra.", required=True),
    ),
)

MEETING_PLAN = Table(
    "[[meeting.plan]]",
    "A meeting plan from a file: an iCalendar export (.ics, as meeting systems and Outlook write it) "
    "or a list of dates (.csv or .xlsx with a `dato`/`date` column, optionally `møde`/`meeting`).",
    "En mødeplan fra en fil: en iCalendar-eksport (.ics, som mødesystemer og Outlook skriver den) "
    "eller en liste af datoer (.csv eller .xlsx med kolonnen `dato`/`date`, evt. `møde`/`meeting`).",
    (
        Key("file", TEXT, "The file, relative to the model file.", "Filen, i forhold til modelfilen.", required=True),
        Key(
            "match",
            TEXT,
            "Only meetings whose title (SUMMARY, or the `møde` column) contains this.",
            "Kun møder, hvis titel (SUMMARY eller kolonnen `møde`) indeholder dette.",
        ),
        Key("sheet", TEXT, "An xlsx file's sheet; unset: the first.", "Et xlsx-arks fane; udeladt: den første."),
        Key(
            "covers",
            CALENDAR_YEARS,
            "The calendar years it replaces; unset: the years its meetings fall in.",
            "Kalenderårene, den erstatter; udeladt: årene, dens møder ligger i.",
        ),
    ),
)
