#!/usr/bin/env bash
# The pictures in docs/ that the README shows, from the code in this clone: charts printed to
# PDF and rendered by pdftoppm, the xlsx printed by LibreOffice, the site by Chromium.
#
#   bash scripts/docs.sh            # rewrites docs/*.png
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CYCLE_TODAY=2026-11-22 SOURCE_DATE_EPOCH=1767225600 PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
units="$here/tests/data/units-60.csv"
docs="$here/docs"
c() { python3 -m cycle "$@"; }
png() {  # png PDF NAME: the PDF's first page, 1600 px wide
    pdftoppm -png -f 1 -l 1 -scale-to-x 1600 -scale-to-y -1 -singlefile "$1" "$docs/$2"
}
cd "$tmp"
c gantt -o g.pdf && png g.pdf gantt-lemvig-2026
c gantt --units "$units" --expand-units -o g60.pdf && png g60.pdf gantt-units-60
c wheel --year 2026 -o w.pdf && png w.pdf wheel-lemvig-2026
c wheel --year 2026 --rings chain -o wc.pdf && png wc.pdf wheel-lemvig-2026-chain
c wheel --year 2026 --rings statutory -o ws.pdf && png ws.pdf wheel-lemvig-2026-statutory
c timeline --format pdf -o t.pdf && png t.pdf timeline-lemvig-2026
c timeline --units "$units" --format pdf -o t60.pdf && png t60.pdf timeline-units-60
c timeline --format xlsx -o timeline.xlsx
soffice --headless --convert-to pdf timeline.xlsx >/dev/null
pdftoppm -png -f 1 -l 1 -r 110 -singlefile timeline.pdf "$docs/timeline-xlsx-lemvig-2026"
c publish --units "$units" -o site >/dev/null
python3 - "$tmp/site/index.html" "$docs/site-units-60.png" <<'PY'
import sys
from playwright.sync_api import sync_playwright

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto("file://" + sys.argv[1])
    page.wait_for_timeout(1500)  # the charts draw
    page.screenshot(path=sys.argv[2], full_page=True)
    browser.close()
PY
ls -l "$docs"
