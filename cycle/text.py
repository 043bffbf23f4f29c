"""User text made safe to carry: control characters and bidirectional overrides removed, and
line breaks made into spaces where the text is a name or a title.

Text comes from model files and from units files that Excel wrote (Alt+Enter gives a line break
inside a cell). A control character has no place in a calendar, a page or a spreadsheet cell
(openpyxl refuses them, iCalendar forbids them); a right-to-left override makes a name read
differently from what it holds. Both are removed once, where the text is read, so every output
gets the same clean text. Each output still escapes for its format (HTML, iCalendar TEXT, cells).

>>> one_line("Skole\\r\\nNord\\u202e\\x00 ")
'Skole Nord'
>>> plain("Første linje\\r\\nanden\\tlinje\\x07")
'Første linje\\nanden linje'
"""

from __future__ import annotations

import re

#: C0 and C1 controls except tab and the line breaks, DEL, and the bidirectional embeddings,
#: overrides and isolates (U+202A–U+202E, U+2066–U+2069).
_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def plain(text: str) -> str:
    """Text with its line breaks (as ``\\n``), without control or override characters; tabs are
    spaces."""
    text = _BREAKS.sub("\n", text)
    return _REMOVED.sub("", text).replace("\t", " ").strip()


def one_line(text: str) -> str:
    """A name or title: one line, line breaks and tabs as single spaces, nothing invisible."""
    lines = [" ".join(part.split()) for part in plain(text).split("\n")]
    return " ".join(line for line in lines if line)
