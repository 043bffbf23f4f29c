"""The key reference, rendered from the schema: one Markdown table per TOML table.

The README holds this text between ``<!-- keys:start -->`` and ``<!-- keys:end -->``; a test
keeps the two equal, so the reference cannot drift from what the loader accepts.
"""

from __future__ import annotations

import json

from .keys import Given, Inherited, Key, Table
from .tables import ALL

_WORDS = {
    "en": {"key": "key", "type": "type", "default": "default", "what": "what it is", "required": "required",
           "one_of": "one of", "else": "else", "exactly": "Give exactly one of"},
    "da": {"key": "nøgle", "type": "type", "default": "standard", "what": "hvad den er", "required": "skal angives",
           "one_of": "en af", "else": "ellers", "exactly": "Angiv præcis én af"},
}  # fmt: skip


def markdown(lang: str = "en") -> str:
    """Every table's keys as Markdown, in English (the README) or Danish."""
    return "\n".join(_table(table, lang) for table in ALL)


def _table(table: Table, lang: str) -> str:
    w = _WORDS[lang]
    header = f"`{table.header}`" if table.header.startswith("[") else table.header
    lines = [f"#### {header}", "", _cell(getattr(table, lang)), ""]
    if table.one_of:
        lines += [f"{w['exactly']} {', '.join(f'`{k}`' for k in table.one_of)}.", ""]
    lines += [f"| {w['key']} | {w['type']} | {w['default']} | {w['what']} |", "| --- | --- | --- | --- |"]
    for key in table.keys:
        row = (f"`{key.name}`", _type(key, lang), _default(key, lang), getattr(key, lang))
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def _type(key: Key, lang: str) -> str:
    text = getattr(key.type, lang)
    if isinstance(key.choices, Inherited):
        return f"{text}, {getattr(key.choices, lang)}"
    if key.choices:
        return f"{text}, {_WORDS[lang]['one_of']} " + ", ".join(f"`{c}`" for c in key.choices)
    return text


def _default(key: Key, lang: str) -> str:
    if key.required:
        return _WORDS[lang]["required"]
    sources = [f"`{s.key}`" if isinstance(s, Given) else getattr(s, lang) for s in key.fallback]
    if key.default not in (None, "") or (key.default == "" and not sources):
        sources.append(f"`{_toml(key.default)}`")
    elif not sources:
        return "—"
    return f", {_WORDS[lang]['else']} ".join(sources)


def _toml(value: object) -> str:
    """A default as it would be written in the file."""
    if isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
