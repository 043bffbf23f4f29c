"""The ledger's words for users, Danish by default and English with ``--lang en`` (kept here
until the restructure settles :mod:`cycle.i18n`)."""

from __future__ import annotations

_WORDS: dict[str, tuple[str, str]] = {
    "done": ("Rettidigt", "On time"),
    "late": ("For sent", "Late"),
    "overdue": ("Overskredet", "Overdue"),
    "open": ("Åben", "Open"),
    "document": ("Dokument", "Document"),
    "unit": ("Enhed", "Unit"),
    "area": ("Område", "Area"),
    "director": ("Direktør", "Director"),
    "year": ("År", "Year"),
    "deadline": ("Frist", "Deadline"),
    "description": ("Beskrivelse", "Description"),
    "owner": ("Ansvarlig", "Owner"),
    "done_date": ("Vedtaget", "Done"),
    "reference": ("Reference", "Reference"),
    "note": ("Note", "Note"),
    "status": ("Status", "Status"),
    "days_late": ("Dage for sent", "Days late"),
    "shared": ("Kommunen (fælles)", "Municipality-wide"),
    "title": (
        "Fremdrift for {model} pr. {day} (valgperioden {period})",
        "Progress for {model} as of {day} (election period {period})",
    ),
    "overdue_head": ("Overskredne frister ({n})", "Overdue deadlines ({n})"),
    "upcoming_head": ("Frister de næste {days} dage, til {to} ({n})", "Due in the next {days} days, to {to} ({n})"),
    "days": ("{n} dage over fristen", "{n} days overdue"),
    "nothing": ("(intet)", "(none)"),
    "sheet_summary": ("Oversigt", "Summary"),
    "sheet_items": ("Frister", "Deadlines"),
    "sheet_template": ("Status", "Status"),
    "done_prompt": (
        "Datoen, hvor dokumentet blev vedtaget eller indgået (ikke senere end i dag).",
        "The date the document was adopted or concluded (not after today).",
    ),
    "done_error": ("Skriv en dato, ikke senere end i dag.", "Write a date, not after today."),
    "concluded": ("indgået", "concluded"),
    "adopted": ("udført", "done"),
    "panel": ("{title} {year}: {done} af {total} {verb}", "{title} {year}: {done} of {total} {verb}"),
    "panel_late": ("heraf {n} for sent", "{n} of them late"),
    "panel_overdue": ("{n} overskredet", "{n} overdue"),
    "progress_head": ("Fremdrift pr. {day}", "Progress as of {day}"),
}


def t(key: str, lang: str = "da", **fields: object) -> str:
    text = _WORDS[key][1 if lang == "en" else 0]
    return text.format(**fields) if fields else text
