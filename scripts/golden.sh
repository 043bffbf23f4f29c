#!/usr/bin/env bash
# Golden outputs: every output of every command, for the three built-in models and a units
# file with hostile names, rendered into DIR with "today" and the build time pinned.
#
#   bash scripts/golden.sh /tmp/before          # on the old code
#   bash scripts/golden.sh /tmp/after           # on the new code
#   diff -r /tmp/before /tmp/after              # a move, not a rewrite: no difference
#
# xlsx files are unpacked without docProps/core.xml (it holds the wall-clock time);
# PNG/SVG are left out (kaleido's bytes are not ours).
set -euo pipefail
out=${1:?usage: golden.sh DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
cache=$(mktemp -d)  # a fresh plan cache: shared by this run's commands, never by an earlier run
trap 'rm -rf "$cache"' EXIT
export CYCLE_TODAY=2026-11-22 SOURCE_DATE_EPOCH=1767225600 CYCLE_CACHE_DIR="$cache" PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
cd "$out"
c() { python3 -m cycle "$@"; }
run() {  # run NAME ARGS…: stdout, stderr and exit code into NAME.*
    local name=$1; shift
    set +e; c "$@" >"$name.out" 2>"$name.err"; echo $? >"$name.rc"; set -e
}
unxlsx() {
    local f=$1
    mkdir -p "$f.d" && (cd "$f.d" && python3 -m zipfile -e "../$(basename "$f")" . && rm -f docProps/core.xml)
    rm -f "$f"
}

cat >hostile.csv <<'CSV'
id,name,area,leader,director
a<script>,<script>alert(1)</script>,"Skole, Nord; Syd",Leder \ Back,Direktør æøå
b&amp,Ærøskov & Bøgely,Område #1,"=HYPERLINK(""http://x"")",@direktør
c-lang,Enhed med et meget langt navn der skal foldes i iCalendar-linjer på 75 oktetter ÆØÅ,Dagtilbud,Leder,Direktør
CSV

run models models
run models-en models --lang en
for d in 2026-11-22 2025-12-31 2029-12-31 2030-01-01; do
    run "period-$d" period "$d"
    run "period-$d-json" period "$d" --format json --lang en
done

for m in lemvig silkeborg dk; do
    for u in default hostile; do
        U=(); [ "$u" = hostile ] && U=(--units hostile.csv)
        [ "$m" = dk ] && [ "$u" = hostile ] && continue
        p="$m-$u"
        run "$p-events-csv" events --model "$m" "${U[@]}"
        run "$p-events-json" events --model "$m" "${U[@]}" --format json
        for f in text csv json markdown html; do
            run "$p-timeline-$f" timeline --model "$m" "${U[@]}" --format "$f"
            run "$p-timeline-$f-en" timeline --model "$m" "${U[@]}" --format "$f" --lang en
        done
        run "$p-timeline-xlsx" timeline --model "$m" "${U[@]}" --format xlsx -o "$p-timeline.xlsx"
        [ -f "$p-timeline.xlsx" ] && unxlsx "$p-timeline.xlsx"
        for q in 2026Q1 2026Q4 2027Q3 2029Q4; do
            for f in text json csv; do
                run "$p-due-$q-$f" due --model "$m" "${U[@]}" --quarter "$q" --format "$f"
            done
            run "$p-due-$q-en" due --model "$m" "${U[@]}" --quarter "$q" --lang en
        done
        run "$p-ical-import" ical --model "$m" "${U[@]}" --warn 14d -o "$p-import.ics"
        run "$p-ical-feed" ical --model "$m" "${U[@]}" --feed --lang en -o "$p-feed.ics"
        run "$p-ical-all" ical --model "$m" "${U[@]}" --kinds deadline,milestone,drafting,validity,meeting -o "$p-all.ics"
        run "$p-gantt" gantt --model "$m" "${U[@]}" --plotlyjs cdn -o "$p-gantt.html"
        run "$p-gantt-x" gantt --model "$m" "${U[@]}" --expand-units --lang en --plotlyjs cdn -o "$p-gantt-x.html"
        run "$p-wheel" wheel --model "$m" "${U[@]}" --plotlyjs cdn -o "$p-wheel.html"
        run "$p-wheel-2027" wheel --model "$m" "${U[@]}" --year 2027 --lang en --plotlyjs cdn -o "$p-wheel-2027.html"
        if [ "$m" != dk ]; then
            run "$p-split" ical --model "$m" "${U[@]}" --split unit --warn 14d -o "$p-split"
            run "$p-unit" due --model "$m" "${U[@]}" --quarter 2026Q4 --unit "$( [ "$u" = hostile ] && echo 'a<script>' || ( [ "$m" = lemvig ] && echo lemvig-skole || sed -n '3p' "$here/calendars/silkeborg-units.csv" | cut -d, -f1))"
            run "$p-publish" publish --model "$m" "${U[@]}" -o "$p-site"
            rm -f "$p-site/plotly.min.js"
        fi
        # explain: the first UID of every document and kind
        python3 - "$p-events-csv.out" >"$p-uids" <<'PY'
import csv, sys
seen = set()
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    k = (r["document"], r["kind"], r["period"])
    if k not in seen:
        seen.add(k)
        print(r["uid"])
PY
        i=0
        while read -r uid; do
            i=$((i + 1))
            run "$p-explain-$i" explain "$uid" --model "$m" "${U[@]}"
        done <"$p-uids"
    done
    run "$m-validate" validate "$here/calendars/$m.toml"
done
run bad-model validate /nonexistent.toml
run bad-quarter due --quarter 2026Q9
echo "golden outputs in $out: $(find "$out" -type f | wc -l) files"
