"""Dates, quarters, counts and sorting as a Danish reader expects them (English with ``lang="en"``).

Machine formats (JSON, CSV, iCalendar) keep ISO dates; these are for text, HTML and the site.

>>> from datetime import date
>>> format_date(date(2026, 9, 30))
'ons. 30. sep. 2026 (uge 40)'
>>> format_date(date(2026, 9, 30), "en")
'Wed 30 Sep 2026 (week 40)'
>>> quarter_heading(Quarter(2026, 4)), quarter_heading(Quarter(2026, 4), "en")
('4. kvartal 2026', 'Q4 2026')
>>> plural(1, "enhed", "enheder"), plural(2, "enhed", "enheder")
('1 enhed', '2 enheder')
>>> sorted(["Ærøskov", "Bøgely", "Aabybro", "Åby", "Østerild", "Zealand"], key=collate_key)
['Bøgely', 'Zealand', 'Ærøskov', 'Østerild', 'Åby', 'Aabybro']
"""

from __future__ import annotations

import unicodedata
from datetime import date

from ..period import Quarter

# The abbreviations Dansk Sprognævn and CLDR's "da" locale use; kept here, not read from a
# locale library, so that the same input gives the same bytes whatever is installed.
WEEKDAYS = {
    "da": ("man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn."),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTHS = {
    "da": ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_WEEK = {"da": "uge", "en": "week"}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "da"


def day_month(d: date, lang: str = "da") -> str:
    """'30. sep.' / '30 Sep': a date within a year that is already said."""
    lang = _lang(lang)
    sep = ". " if lang == "da" else " "
    return f"{d.day}{sep}{MONTHS[lang][d.month - 1]}"


def format_date(d: date, lang: str = "da", *, week: bool = True) -> str:
    """'ons. 30. sep. 2026 (uge 40)': weekday, date and ISO week, as a Danish calendar reads."""
    lang = _lang(lang)
    text = f"{WEEKDAYS[lang][d.weekday()]} {day_month(d, lang)} {d.year}"
    return f"{text} ({_WEEK[lang]} {d.isocalendar().week})" if week else text


def format_span(first: date, last: date, lang: str = "da") -> str:
    """One day as :func:`format_date`; a window as '1. okt. – 31. dec. 2026' (the year once
    when both ends share it)."""
    if first == last:
        return format_date(first, lang)
    if first.year == last.year:
        return f"{day_month(first, lang)} – {day_month(last, lang)} {last.year}"
    return f"{day_month(first, lang)} {first.year} – {day_month(last, lang)} {last.year}"


def quarter_heading(q: Quarter, lang: str = "da") -> str:
    """'4. kvartal 2026' / 'Q4 2026'."""
    return f"Q{q.q} {q.year}" if _lang(lang) == "en" else f"{q.q}. kvartal {q.year}"


def plural(n: int, one: str, many: str) -> str:
    """'1 enhed', '2 enheder', '0 enheder'."""
    return f"{n} {one if n == 1 else many}"


# Danish alphabetical order: a … z, then æ, ø, å; "aa" is å (Aabenraa sorts as Åbenrå);
# ä, ö and ü sort as æ, ø and y; other accents are ignored (é as e).
_AFTER_Z = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"}


def collate_key(text: str) -> tuple[str, str]:
    """Sort key for names in Danish order, case-insensitive (ties broken by the exact text)."""
    folded = unicodedata.normalize("NFC", str(text)).casefold().replace("aa", "å")
    chars = []
    for ch in folded:
        chars.append(_AFTER_Z.get(ch) or unicodedata.normalize("NFD", ch)[0])
    return "".join(chars), str(text)


def model_name(model, lang: str = "da") -> str:
    """The model's name for titles (never its id): 'Lemvig Kommune' / 'Lemvig Municipality'."""
    return model.name_en if _lang(lang) == "en" else model.name
