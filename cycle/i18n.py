"""User-facing words, Danish by default and English with ``--lang en``."""

from __future__ import annotations

LANGS = ("da", "en")

_WORDS: dict[str, tuple[str, str]] = {
    "drafting": ("Udarbejdelse", "Drafting"),
    "validity": ("Gyldighedsperiode", "Validity period"),
    "deadline": ("Frist", "Deadline"),
    "milestone": ("Milepæl", "Milestone"),
    "meeting": ("Møde", "Meeting"),
    "in_force": ("Gældende", "In force"),
    "deadlines": ("Frister", "Deadlines"),
    "milestones": ("Milepæle", "Milestones"),
    "meetings": ("Møder", "Meetings"),
    "politisk": ("Politisk", "Political"),
    "administrativt": ("Administrativt", "Administrative"),
    "level": ("Niveau", "Level"),
    "document": ("Dokument", "Document"),
    "period": ("Valgperiode", "Election period"),
    "year": ("År", "Year"),
    "quarter": ("Kvartal", "Quarter"),
    "election": ("Kommunalvalg", "Municipal election"),
    "constituting": ("Konstituering senest", "Constituting by"),
    "next_election": ("Næste kommunalvalg", "Next election"),
    "date": ("Dato", "Date"),
    "week": ("Uge", "Week"),
    "from": ("Fra", "From"),
    "to": ("Til", "To"),
    "owner": ("Ansvarlig", "Owner"),
    "uid": ("UID", "UID"),
    "term_quarter": ("År/kvartal", "Year/quarter"),
    "kind": ("Type", "Kind"),
    "what": ("Hvad", "What"),
    "past": ("overstået", "past"),
    "as_text": ("Som tekst", "As text"),
    "no_area": ("Uden område", "No area"),
    "contents": ("Indhold", "Contents"),
    "gantt_as_text": (
        "Samme indhold som tekst: tabellen under Tidsramme og listen over frister og milepæle.",
        "The same as text: the table under Timeline and the list of deadlines and milestones.",
    ),
    "warning": ("advarsel", "warning"),
    "no_print_warning": (
        "siden laves uden udskrifterne (PDF): {why}",
        "the site is made without its print versions (PDF): {why}",
    ),
    "base_url_warning": (
        "--base-url '{url}' er ikke en http(s)-adresse; kalendernes adresser vises i forhold til siden",
        "--base-url '{url}' is not an http(s) address; the calendars' addresses are shown relative to the page",
    ),
    "no_status_file": (
        "ingen statusfil (--status FIL, eller status i modellen): intet er registreret som vedtaget",
        "no status file (--status FILE, or status in the model): nothing is recorded as adopted",
    ),
    "deadlines_milestones": ("Frister og milepæle", "Deadlines and milestones"),
    "timeline_marks_note": (
        "Cellerne viser dag og måned; arket med frister og milepæle har den fulde dato og teksten.",
        "The cells show day and month; the sheet of deadlines and milestones has the full date and text.",
    ),
    "units": ("enheder", "units"),
    "unit_one": ("enhed", "unit"),
    "unit": ("Enhed", "Unit"),
    "nothing": ("(intet)", "(none)"),
    "due_title": ("Hvad skal ske i {quarter} ({model})", "What is due in {quarter} ({model})"),
    "timeline_title": (
        "Tidsramme for udarbejdelse og gyldighedsperiode, {model}, valgperioden {period}",
        "Drafting and validity, {model}, election period {period}",
    ),
    "legend": (
        "U = udarbejdelse, G = gyldighedsperiode, F = frist, M = milepæl",
        "D = drafting, V = validity, F = deadline, M = milestone",
    ),
    "valid": (
        "{file}: modellen er i orden ({docs} dokumenter, {meetings} mødekalendere, {events} begivenheder i {period})",
        "{file}: the model is fine ({docs} documents, {meetings} meeting calendars, {events} events in {period})",
    ),
    "error": ("fejl", "error"),
    "source": ("Kilde", "Source"),
    "parties": ("Parter", "Parties"),
    "purpose": ("Formål", "Purpose"),
    "rule": ("Regel", "Rule"),
    "nominal": ("Nominel dato", "Nominal date"),
    "anchor": ("Anker", "Anchor"),
    "offset": ("Forskydning", "Offset"),
    "shift": ("Flytning", "Shift"),
    "note": ("Note", "Note"),
    "today": ("I dag", "Today"),
    # A deadline's summary is deadline_prefix + its label; its warning's is warn_summary + the label.
    "deadline_prefix": ("Frist: ", "Deadline: "),
    # The law's deadline and the meeting planned to handle it: two kinds of dates, both shown.
    "statutory_prefix": ("Lovfrist: ", "Statutory deadline: "),
    "treatment_prefix": ("Behandling: ", "On the agenda: "),
    # A date no source gives (a custom, an assumed meeting calendar) says so where it is shown.
    "assumed_suffix": (" (antaget dato)", " (assumed date)"),
    "warn_summary": ("Frist om {days} dage: ", "Deadline in {days} days: "),
    "calname": ("frister", "deadlines"),
    "caldesc": (
        "Frister og milepæle i styringen af {model}, valgperioden {period}. Udgivet med cycle.",
        "Deadlines and milestones in the governance of {model}, election period {period}. Published with cycle.",
    ),
    "all_units": ("Alle", "All"),
    "carried_over": ("Gælder fra forrige valgperiode", "In force from the previous term"),
    "gantt_title": (
        "{model}: styringsdokumenter i valgperioden {period}",
        "{model}: governance documents in the election period {period}",
    ),
    "site_title": ("{model}: styringskæde og årshjul", "{model}: governance chain and annual wheel"),
    "updated": ("opdateret", "updated"),
    "nav_progress": ("Fremdrift", "Progress"),
    "nav_due": ("Dette kvartal", "This quarter"),
    "nav_gantt": ("Valgperioden", "The election period"),
    "nav_wheel": ("Årshjul", "Annual wheel"),
    "nav_timeline": ("Tidsramme", "Timeline"),
    "nav_feeds": ("Kalendere til Outlook", "Calendars for Outlook"),
    "nav_print": ("Udskrift", "Print"),
    "print_intro": (
        "Til udskrift eller mødet: én side A3 liggende (PDF). Årshjulet findes også med styringskæden og årets lovbestemte gang.",
        "For printing or the meeting: one landscape A3 page (PDF). The annual wheel also comes with the governance chain and the statutory year.",
    ),
    "rings_chain": ("styringskæden", "the governance chain"),
    "rings_statutory": ("årets lovbestemte gang", "the statutory year"),
    "timeline_note": (
        "Farverne følger styringskædens tabel: orange er udarbejdelse, grøn gyldighedsperiode; cellerne siger det også med ord.",
        "Colours follow the governance chain's table: orange is drafting, green validity; the cells say so in words too.",
    ),
    "feeds_intro": (
        "Hver enhed har sin egen kalender med sine egne frister og de fælles frister, der vedrører den.",
        "Each unit has its own calendar with its own deadlines and the shared ones that concern it.",
    ),
    "file": ("Fil", "File"),
    "events": ("Begivenheder", "Events"),
    "address": ("Adresse", "Address"),
    "subscribe_head": (
        "Abonnér i Outlook (anbefales: ændringer kommer automatisk)",
        "Subscribe in Outlook (recommended: changes arrive by themselves)",
    ),
    "subscribe_how": (
        "Kopiér kalenderens adresse. I Outlook: Kalender → Tilføj kalender → Fra internettet, indsæt adressen, giv kalenderen et navn og vælg Importér. Outlook henter ændringer af sig selv (ca. hver 12. time).",
        "Copy the calendar's address. In Outlook: Calendar → Add calendar → From Internet, paste the address, name the calendar and choose Import. Outlook fetches changes by itself (about every 12 hours).",
    ),
    "import_head": ("Importér én gang", "Import once"),
    "import_how": (
        "hent filen og åbn den i Outlook (eller Filer → Åbn og eksporter → Importér/eksportér). En importeret kalender opdateres ikke; en ny import kan give dubletter.",
        "download the file and open it in Outlook (or File → Open & Export → Import/Export). An imported calendar does not update; importing again can duplicate events.",
    ),
    "footer": (
        "Lavet med cycle ud fra modellen for {model}. Hver regel har sin kilde; se begivenhedernes beskrivelse.",
        "Made with cycle from the model of {model}. Every rule has its source; see the events' descriptions.",
    ),
    "wheel_title": ("{model}: årshjul {year}", "{model}: annual wheel {year}"),
    # The plan's own text in the events table (summary_en and label_en hold the English).
    "adopted": ("{title} vedtages", "{title} adopted"),
    "summary_drafting": (": udarbejdelse", ": drafting"),
    "summary_validity": (": gyldighedsperiode", ": validity period"),
    "summary_carried": (": gælder indtil efterfølgeren træder i kraft", ": in force until its successor takes effect"),
    "carried_note": (
        "Dokumentet fra valgperioden {period} gælder, indtil efterfølgeren træder i kraft",
        "The document of the election period {period} is in force until its successor takes effect",
    ),
    "uid_other_term": (
        "begivenheden '{uid}' hører til valgperioden {period} (brug --period {year})",
        "the event '{uid}' belongs to the election period {period} (use --period {year})",
    ),
    # The progress ledger (cycle.ledger) in calendars and views.
    "concluded_on": ("Indgået {day}", "Concluded {day}"),
    "adopted_on": ("Vedtaget {day}", "Adopted {day}"),
    "days_late": ("{n} dage for sent", "{n} days late"),
    "status_done": ("rettidigt", "on time"),
    "status_late": ("for sent", "late"),
    "status_overdue": ("overskredet", "overdue"),
    "status_open": ("afventer", "pending"),
    "shared_group": ("(uden område)", "(no area)"),
}

#: One-letter cell codes for the text timeline.
CELL_CODES = {"da": {"drafting": "U", "validity": "G"}, "en": {"drafting": "D", "validity": "V"}}


def t(key: str, lang: str = "da", **fields: object) -> str:
    text = _WORDS[key][1 if lang == "en" else 0]
    return text.format(**fields) if fields else text


def level_word(level: str, lang: str = "da") -> str:
    """A level's name for users: the built-in levels translated, a model's own as written."""
    return t(level, lang) if level in ("politisk", "administrativt") else level


def col(name: str, lang: str) -> str:
    """The language's variant of a bilingual column: ``title`` or ``title_en``."""
    return f"{name}_en" if lang == "en" else name
