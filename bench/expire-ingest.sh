#!/usr/bin/env bash
# Expire ingestion: the synthetic 1,000,000-line z10-18 expire list (bench/gen-expire-list) posted
# to POST /admin/expire of a gateway with BENCH_SILOS silos (default 2), RUNS times (default 3), each
# on a fresh cluster over a fresh copy of a stored tree (every metatile of the Liechtenstein bbox at
# z10-18, rendered once). Reports the median wall time (client side, upload included), lines/s and
# metatiles/s from the response's counts, and the server's deliveredMs.
# Then Debian's render_expired (mod_tile 0.6.1, --touch-from=10: marks only, needs no renderd) on
# the same list and a copy of the same tree, timed with hyperfine.
# Both again with the list's z18 lines only (what osm2pgsql -e 18 writes for the same changes):
# there both tools cover exactly the same metatiles, so that pair compares like with like.
# BENCH_SKIP_RENDER_EXPIRED=1 runs the TileCluster rows only (no renderd, no hyperfine needed).
BENCH_SILOS="${BENCH_SILOS:-2}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${RUNS:-3}"
TOKEN="bench-expire-$$"
BENCH_GATEWAY_ENV+=("TILECLUSTER_Admin__Token=$TOKEN")
bench_setup
if [[ "${BENCH_SKIP_RENDER_EXPIRED:-0}" != 1 ]]; then
    tc_ensure_apt_packages renderd hyperfine
fi
trap bench_stop_cluster EXIT

full="$BENCH_DIR/expire-1m.txt"
bench_expire_list "$full"
z18="$BENCH_DIR/expire-1m-z18.txt"
grep '^18/' "$full" >"$z18"
tree="$(bench_expire_tree 10 18)"
store="$BENCH_DIR/store-expire"
re_tree="$BENCH_DIR/store-render-expired"
rows="$BENCH_DIR/expire-ingest-rows.tsv"
: >"$rows"


# marked_deep DIRTY_COUNTS: "marked of stored" at z17-18 (z<=16 may be re-rendered already).
marked_deep() { awk -F'\t' '$1 >= 17 { d += $3; f += $2 } END { printf "%d of %d", d, f }' "$1"; }

printf '10/0/0\n' >"$BENCH_DIR/expire-warmup.txt" # far from any stored tile

# tilecluster NAME LIST: RUNS posts, each on a fresh cluster and a fresh copy of the tree; one row.
tilecluster() {
    local name="$1" list="$2" run code wall runs="$BENCH_DIR/expire-ingest-$1.tsv"
    : >"$runs"
    for run in $(seq 1 "$RUNS"); do
        bench_copy_tree "$tree" "$store"
        bench_start_cluster "$store"
        read -r code _ < <(bench_post_expire "$BENCH_DIR/expire-warmup.txt" "$BENCH_DIR/expire-warmup.json") # JIT, not measured
        [[ "$code" == 200 ]] || tc_die "warm-up expire answered $code: $(cat "$BENCH_DIR/expire-warmup.json")"
        read -r code wall < <(bench_post_expire "$list" "$BENCH_DIR/expire-ingest-$name-$run.json")
        [[ "$code" == 200 ]] || tc_die "expire answered $code: $(head -c 2000 "$BENCH_DIR/expire-ingest-$name-$run.json")"
        printf '%s\t%s\t%s\n' "$run" "$wall" "$(bench_json "$BENCH_DIR/expire-ingest-$name-$run.json" \
            lines metatiles keys dirtied notStored hotRefreshing silos batches deliveredMs)" >>"$runs"
        bench_dirty_counts "$store" >"$BENCH_DIR/expire-ingest-$name-$run.dirty"
        bench_stop_cluster
    done
    printf 'TileCluster, %s (run, wall s, lines, metatiles, keys, dirtied, notStored, hotRefreshing, silos, batches, deliveredMs):\n' "$name" >&2
    sed 's/^/  /' "$runs" >&2
    local wall_median delivered_median
    wall_median=$(cut -f2 "$runs" | bench_median)
    delivered_median=$(cut -f11 "$runs" | bench_median)
    awk -F'\t' -v n="$name" -v s="$BENCH_SILOS" -v w="$wall_median" -v dm="$delivered_median" \
        -v deep="$(marked_deep "$BENCH_DIR/expire-ingest-$name-1.dirty")" 'NR == 1 {
        printf "TileCluster, %d silos\t%s\t%d\t%.3f\t%.0f\t%.0f\t%d\t%.0f\t%d\t%s\n", s, n, $3, w, dm, $3 / w, $4, $4 / w, $6, deep
    }' "$runs" >>"$rows"
}

# render_expired NAME LIST: hyperfine, RUNS runs, a fresh copy of the tree before each (it skips
# tiles already marked); then once more for its counts. Rows for --map=osm and for osm + osm@2x
# (TileCluster expires both scales).
render_expired_rows() {
    local name="$1" list="$2" cmd median median2 expanded touched
    cmd="render_expired --map=osm --tile-dir=$re_tree --min-zoom=10 --max-zoom=18 --touch-from=10 <$list >/dev/null 2>&1"
    hyperfine --runs "$RUNS" --style none --prepare "rm -rf $re_tree && cp -a $tree $re_tree" \
        --export-json "$BENCH_DIR/expire-render-expired-$name.json" -n osm "$cmd" \
        -n 'osm + osm@2x' "$cmd && ${cmd//--map=osm/--map=osm@2x}" >&2
    read -r median median2 < <(python3 -c 'import json, statistics, sys
print(*(statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]))' "$BENCH_DIR/expire-render-expired-$name.json")
    bench_copy_tree "$tree" "$re_tree"
    render_expired --map=osm --tile-dir="$re_tree" --min-zoom=10 --max-zoom=18 --touch-from=10 <"$list" 2>/dev/null |
        tail -8 >"$BENCH_DIR/expire-render-expired-$name.txt"
    bench_dirty_counts "$re_tree" old >"$BENCH_DIR/expire-render-expired-$name.dirty"
    expanded=$(awk -F': ' '/expanded from input/ { print $2 }' "$BENCH_DIR/expire-render-expired-$name.txt")
    touched=$(awk -F': ' '/meta tiles touched/ { print $2 }' "$BENCH_DIR/expire-render-expired-$name.txt")
    local lines
    lines=$(wc -l <"$list")
    awk -v n="$name" -v l="$lines" -v w="$median" -v w2="$median2" -v m="$expanded" -v d="$touched" \
        -v deep="$(marked_deep "$BENCH_DIR/expire-render-expired-$name.dirty")" 'BEGIN {
        printf "render_expired --map=osm\t%s\t%d\t%.3f\t\t%.0f\t%d\t%.0f\t%d\t%s\n", n, l, w, l / w, m, m / w, d, deep
        printf "render_expired, osm then osm@2x\t%s\t%d\t%.3f\t\t%.0f\t%d (both scales)\t%.0f\t\t\n", n, l, w2, l / w2, m, m / w2
    }' >>"$rows"
}

load_before="$(bench_load)"
tilecluster "1M lines z10-18" "$full"
[[ "${BENCH_SKIP_RENDER_EXPIRED:-0}" == 1 ]] || render_expired_rows "1M lines z10-18" "$full"
tilecluster "its z18 lines only" "$z18"
[[ "${BENCH_SKIP_RENDER_EXPIRED:-0}" == 1 ]] || render_expired_rows "its z18 lines only" "$z18"

printf '\nlist: %s, per zoom:\n' "$full"
sed 's/^/  /' "$full.counts"
printf 'stored tree: %s metatiles (bbox %s, z10-18, scale 1); %s runs each, medians\n\n' "$(cat "$tree.complete")" "${BENCH_BBOX[*]}" "$RUNS"
printf 'tool\tlist\tlines\twall s\tdeliveredMs\tlines/s\tmetatiles\tmetatiles/s\tstored marked\tz17-18 marked\n'
printf '(TileCluster expires scale 1 and @2x, keys = 2 x metatiles; metatiles/s counts each metatile once)\n'
cat "$rows"
printf 'load average (1, 5, 15 min) before: %s; after: %s\n' "$load_before" "$(bench_load)"
