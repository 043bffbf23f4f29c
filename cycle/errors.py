"""The one domain exception: bad input becomes a single line and exit code 2 at the CLI edge."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class CycleError(Exception):
    """Bad input: names the file, the rule (document or meeting id) and the key.

    Carries the message in Danish and English; the CLI picks one with ``--lang``.
    """

    def __init__(
        self,
        da: str,
        en: str | None = None,
        *,
        file: str | os.PathLike[str] | None = None,
        rule: str | None = None,
        key: str | None = None,
    ) -> None:
        self.da = da
        self.en = en or da
        self.file = os.fspath(file) if file is not None else None
        self.rule = rule
        self.key = key
        super().__init__(self.message("en"))

    def text(self, lang: str = "da") -> str:
        """What went wrong, in ``lang``, without where (for a warning that names its own context)."""
        return self.en if lang == "en" else self.da

    def message(self, lang: str = "da") -> str:
        words = {"da": ("regel", "nøgle"), "en": ("rule", "key")}[lang if lang == "en" else "da"]
        where = []
        if self.file:
            where.append(self.file)
        if self.rule:
            where.append(f"{words[0]} '{self.rule}'")
        if self.key:
            where.append(f"{words[1]} '{self.key}'")
        text = self.text(lang)
        line = f"{', '.join(where)}: {text}" if where else text
        # One line, whatever a quoted value holds: line breaks and other controls shown escaped.
        return _CONTROLS.sub(lambda m: repr(m[0])[1:-1], line)


def check_known(values: Iterable[str], known: Iterable[str], *, key: str, what_da: str, what_en: str) -> None:
    """Every value must be one of ``known``: else one line naming the key and what is known."""
    known = set(known)
    for v in values:
        if v not in known:
            listed = ", ".join(sorted(known))
            raise CycleError(
                f"ukendt {what_da} '{v}' (kendte: {listed})", f"unknown {what_en} '{v}' (known: {listed})", key=key
            )
