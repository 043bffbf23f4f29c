#!/usr/bin/env bash
# The test command. Does all of its own set-up, then lints and runs every test:
# Python packages, Node's ical.js (the parser inside Thunderbird) and axe-core, Debian's tools.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
(cd tests/js && npm ci --silent --no-audit --no-fund)
# Debian's tools the tests drive: Chromium (pages, charts), LibreOffice (prints the xlsx the way
# a spreadsheet program does), poppler (pdftotext, pdfinfo).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if ((${#missing[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -m ruff check .
# A worker per core; a file's tests stay together so its module fixtures are made once.
python3 -m pytest -n auto --dist loadfile "$@"
