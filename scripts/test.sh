#!/usr/bin/env bash
# The test command. Does all of its own set-up, then lints and runs every test:
# Python packages, Node's ical.js (the parser inside Thunderbird) and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
(cd tests/js && npm ci --silent --no-audit --no-fund)
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
python3 -m ruff check .
python3 -m pytest "$@"
