"""``python -m cycle.model.schema [en|da]``: print the key reference (Markdown)."""

import sys

from . import markdown

lang = sys.argv[1] if len(sys.argv) > 1 else "en"
if lang not in ("en", "da"):
    sys.exit("usage: python -m cycle.model.schema [en|da]")
print(markdown(lang), end="")
