#!/usr/bin/env bash
# Expire ingestion: the synthetic 1,000,000-line z10-18 expire list (bench/gen-expire-list) posted
# to POST /admin/expire of a gateway with BENCH_SILOS silos (default 2), RUNS times (default 3), each
# on a fresh cluster over a fresh copy of a stored tree (every metatile of the Liechtenstein bbox at
# z10-18, rendered once). Reports the median lines/s and metatiles/s (from the response's counts and
# the client's wall time) and the server's deliveredMs. Then Debian's render_expired (mod_tile
# 0.6.1, --touch-from=10, no renderd needed) on the same list and a copy of the same tree, timed
# with hyperfine. Prints one results table.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${RUNS:-3}"
BENCH_SILOS="${BENCH_SILOS:-2}"
TOKEN="bench-expire-$$"
BENCH_GATEWAY_ENV+=("TILECLUSTER_Admin__Token=$TOKEN")
bench_setup
tc_ensure_apt_packages renderd hyperfine
trap bench_stop_cluster EXIT

list="$BENCH_DIR/expire-1m.txt"
bench_expire_list "$list"
tree="$(bench_expire_tree 10 18)"
store="$BENCH_DIR/store-expire"
results="$BENCH_DIR/expire-ingest.tsv"
: >"$results"

# post FILE QUERY OUT: POSTs FILE as an expire list; OUT gets the JSON body; prints "code seconds".
post() {
    curl -sS -o "$3" -w '%{http_code} %{time_total}\n' -X POST -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: text/plain' --data-binary "@$1" "$BENCH_URL/admin/expire$2"
}

# json FILE FIELD...: the fields' values, tab-separated.
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("\t".join(str(d.get(k)) for k in sys.argv[2:]))' "$@"; }

printf '10/0/0\n' >"$BENCH_DIR/expire-warmup.txt" # far from any stored tile
for run in $(seq 1 "$RUNS"); do
    bench_copy_tree "$tree" "$store"
    bench_start_cluster "$store"
    read -r code _ < <(post "$BENCH_DIR/expire-warmup.txt" "" "$BENCH_DIR/expire-warmup.json") # JIT, not measured
    [[ "$code" == 200 ]] || tc_die "warm-up expire answered $code: $(cat "$BENCH_DIR/expire-warmup.json")"
    read -r code wall < <(post "$list" "" "$BENCH_DIR/expire-ingest-$run.json")
    [[ "$code" == 200 ]] || tc_die "expire answered $code: $(head -c 2000 "$BENCH_DIR/expire-ingest-$run.json")"
    printf '%s\t%s\t%s\n' "$run" "$wall" \
        "$(json "$BENCH_DIR/expire-ingest-$run.json" lines metatiles keys dirtied notStored silos batches deliveredMs)" >>"$results"
    # What is marked now; z<=16 may already be re-rendered (hot zooms), so count z17-18 only.
    bench_dirty_counts "$store" >"$BENCH_DIR/expire-ingest-$run.dirty"
    bench_stop_cluster
done

# render_expired: a fresh copy of the tree before each run (it only touches tiles not yet marked).
re_tree="$BENCH_DIR/store-render-expired"
re_cmd="render_expired --map=osm --tile-dir=$re_tree --min-zoom=10 --max-zoom=18 --touch-from=10 --no-progress <$list >/dev/null 2>&1"
re_cmd2="$re_cmd && render_expired --map=osm@2x --tile-dir=$re_tree --min-zoom=10 --max-zoom=18 --touch-from=10 --no-progress <$list >/dev/null 2>&1"
# Debian's 0.6.1 has no --no-progress; drop it when unknown.
render_expired --help 2>&1 | grep -q -- --no-progress || { re_cmd="${re_cmd// --no-progress/}"; re_cmd2="${re_cmd2// --no-progress/}"; }
hyperfine --runs "$RUNS" --style none --prepare "rm -rf $re_tree && cp -a $tree $re_tree" \
    --export-json "$BENCH_DIR/expire-render-expired.json" -n osm "$re_cmd" -n 'osm + osm@2x' "$re_cmd2" >&2
bench_copy_tree "$tree" "$re_tree"
render_expired --map=osm --tile-dir="$re_tree" --min-zoom=10 --max-zoom=18 --touch-from=10 <"$list" 2>/dev/null |
    tail -8 >"$BENCH_DIR/expire-render-expired.txt"
bench_dirty_counts "$re_tree" old >"$BENCH_DIR/expire-render-expired.dirty"
re_expanded=$(awk -F': ' '/expanded from input/ { print $2 }' "$BENCH_DIR/expire-render-expired.txt")
re_touched=$(awk -F': ' '/meta tiles touched/ { print $2 }' "$BENCH_DIR/expire-render-expired.txt")
read -r re_median re_median2 < <(python3 -c 'import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
print(*(statistics.median(x["times"]) for x in r))' "$BENCH_DIR/expire-render-expired.json")

lines=$(awk -F'\t' 'NR == 1 { print $3 }' "$results")
metatiles=$(awk -F'\t' 'NR == 1 { print $4 }' "$results")
keys=$(awk -F'\t' 'NR == 1 { print $5 }' "$results")
dirtied=$(awk -F'\t' 'NR == 1 { print $6 }' "$results")
wall=$(cut -f2 "$results" | bench_median)
delivered=$(cut -f10 "$results" | bench_median)
stored=$(cat "$tree.complete")
dirty_deep() { awk -F'\t' '$1 >= 17 { d += $3; f += $2 } END { printf "%d of %d", d, f }' "$1"; }

printf 'expire list: %s (%s lines; per zoom in %s.counts); stored tree: %s metatiles (z10-18, scale 1)\n' \
    "$list" "$lines" "$list" "$stored"
printf 'runs (run, wall s, lines, metatiles, keys, dirtied, notStored, silos, batches, deliveredMs):\n'
sed 's/^/  /' "$results"
printf '\nwhat\twall s (median of %s)\tlines/s\tmetatiles considered\tmetatiles/s\tstored metatiles marked\tz17-18 marked\n' "$RUNS"
awk -v w="$wall" -v l="$lines" -v m="$metatiles" -v k="$keys" -v d="$dirtied" -v s="$BENCH_SILOS" -v deep="$(dirty_deep "$BENCH_DIR/expire-ingest-1.dirty")" 'BEGIN {
    printf "TileCluster POST /admin/expire (%d silos; %d keys = metatiles x 2 scales)\t%.3f\t%.0f\t%d\t%.0f\t%d\t%s\n", s, k, w, l / w, m, m / w, d, deep }'
awk -v w="$re_median" -v l="$lines" -v m="$re_expanded" -v d="$re_touched" -v deep="$(dirty_deep "$BENCH_DIR/expire-render-expired.dirty")" 'BEGIN {
    printf "render_expired --map=osm\t%.3f\t%.0f\t%d\t%.0f\t%d\t%s\n", w, l / w, m, m / w, d, deep }'
awk -v w="$re_median2" -v l="$lines" -v m="$re_expanded" 'BEGIN {
    printf "render_expired --map=osm, then --map=osm@2x\t%.3f\t%.0f\t%d (x2)\t%.0f\t\t\n", w, l / w, m, 2 * m / w }'
printf 'TileCluster server-side deliveredMs (median): %s\n' "$delivered"
