#!/usr/bin/env bash
# TileCluster against Debian's renderd 0.6.1 + Mapnik + openstreetmap-carto 5.7.0, side by side in
# one run on the same machine (set up by bench/renderd/setup.sh, which this runs first):
#
#  1. cold render of the bbox 9.47,47.04,9.64,47.28 at z12-16 (84 metatiles): a first pass of
#     each system (run 0), then RUNS timed runs (3), alternating. Both systems' processes stay up
#     throughout and only their tiles are emptied between runs: renderd's tile folder is removed,
#     TileCluster's metatiles are deleted through the product (`tilecluster clean --delete`, which
#     empties the silo's store and every cache tier). Run 0 is TileCluster's first pass after its
#     cluster started (fresh processes: JIT, connection pools) and renderd's first pass after its
#     warm-up tile; runs 1..RUNS are the headline (warm processes, cold tiles, as a production
#     server renders). Per run and zoom: TileCluster one request per metatile, 4 in flight, through
#     one curl process (bench_fetch_all), and its store must then hold every metatile; renderd
#     `render_list -a -n 2` over the zoom's tile range (the minimum rounded down to a multiple of 8
#     as render_list steps by 8 from it; `-l 1000` so that it never pauses for the load average).
#     renderd runs with 2 threads and its style loaded (a warm-up tile), TileCluster with one silo
#     of 2 render threads.
#  2. the cold z17 miss /17/69002/46026.png (Vaduz), MISS_RUNS times (3), alternating: TileCluster
#     as bench/cold-miss.sh does it (fresh store, fresh cluster, warm-up tile, one curl), then
#     renderd through Apache mod_tile (the z17 metatile deleted, one curl: mod_tile asks renderd,
#     waits for the metatile and answers 200).
#  3. mean bytes per tile of the same 2920 tiles (z12-16 inside the bbox), TileCluster's last cold
#     store against renderd's .meta files (Mapnik png256).
#
# Before each timed part it waits until the 1-minute load average is below BENCH_MAX_LOAD (4), at
# most BENCH_LOAD_WAIT seconds (600), and prints the load averages before and after it: other
# work on the machine skews every figure, and alternating gives both systems the same conditions.
# Prints medians, min-max and the ratios; raw figures in .tilecluster/bench/vs-renderd/.
# BENCH_CONNECTION (see bench/lib.sh) points TileCluster at a database that holds the sample.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=renderd/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/renderd/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
BBOX=(9.47 47.04 9.64 47.28)
ZMIN=12
ZMAX=16
RUNS="${RUNS:-3}"
MISS_RUNS="${MISS_RUNS:-3}"
MISS_TILE=17/69002/46026
OUT="$BENCH_DIR/vs-renderd"

"$HERE/renderd/setup.sh"
bench_setup
rm -rf "$OUT"
mkdir -p "$OUT"
trap 'bench_stop_cluster; rd_stop' EXIT
rd_start


silo_rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/${BENCH_PIDS[0]}/status"; }

/usr/bin/python3 "$HERE/renderd/tiles.py" ranges "${BBOX[@]}" "$ZMIN" "$ZMAX" >"$OUT/ranges.txt"
renders="$OUT/cold.tsv"
misses="$OUT/miss.tsv"
printf 'system\trun\tzoom\tmetatiles\tseconds\tload_before\tload_after\n' >"$renders"
printf 'system\trun\thttp\tseconds\tload_before\tload_after\n' >"$misses"

TC_STORE="$OUT/tc-store"
TOKEN="bench-admin-$$"
BENCH_GATEWAY_ENV+=("TILECLUSTER_Admin__Token=$TOKEN")

# tc_stored Z: how many metatiles of zoom Z TileCluster's store holds.
tc_stored() { find "$TC_STORE/osm/$1" -name '*.meta' 2>/dev/null | wc -l; }

# tilecluster_cold RUN: one pass over the zooms on the running cluster; for RUN > 0 the box's
# metatiles are deleted first, as an operator would after a style change.
tilecluster_cold() {
    local run="$1" z count start la lb
    if ((run > 0)); then
        bench_clean_delete "$OUT/tc-clean-$run.log" "$ZMIN-$ZMAX" "${BBOX[@]}"
    fi
    lb="$(bench_wait_load)"
    for ((z = ZMIN; z <= ZMAX; z++)); do
        bench_metatiles "$z" "${BBOX[@]}" >"$OUT/meta-$z.txt"
        count=$(wc -l <"$OUT/meta-$z.txt")
        (($(tc_stored "$z") == 0)) || tc_die "TileCluster's store still holds $(tc_stored "$z") metatiles of z$z before run $run"
        la="$(bench_load1)"
        start=$(bench_now)
        bench_fetch_all 4 <"$OUT/meta-$z.txt"
        printf 'tilecluster\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$z" "$count" "$(bench_seconds_since "$start")" "$la" "$(bench_load1)" >>"$renders"
        (($(tc_stored "$z") == count)) || tc_die "TileCluster stored $(tc_stored "$z") metatiles at z$z, not $count"
    done
    tc_log "tilecluster cold run $run: load $lb -> $(bench_load1), silo RSS $(silo_rss_mb) MB"
    printf '%s\t%s\n' "$run" "$(silo_rss_mb)" >>"$OUT/tc-rss-after-cold.tsv"
}

renderd_cold() {
    local run="$1" z x0 x1 y0 y1 count start la lb found
    rd_wipe_tiles
    sync
    lb="$(bench_wait_load)"
    while read -r z x0 x1 y0 y1 count; do
        la="$(bench_load1)"
        start=$(bench_now)
        render_list -a -z "$z" -Z "$z" -x $((x0 & ~7)) -X "$x1" -y $((y0 & ~7)) -Y "$y1" -n 2 -l 1000 \
            -m "$RD_STYLE" -s "$RD_SOCKET" -t "$RD_TILES" >"$OUT/render_list-$run-$z.log" 2>&1 ||
            tc_die "render_list failed (log: $OUT/render_list-$run-$z.log)"
        local seconds
        seconds="$(bench_seconds_since "$start")"
        found=$(find "$RD_TILES/$RD_STYLE/$z" -name '*.meta' 2>/dev/null | wc -l)
        ((found == count)) || tc_die "renderd left $found metatiles at z$z, not $count (log: $OUT/render_list-$run-$z.log)"
        printf 'renderd\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$z" "$count" "$seconds" "$la" "$(bench_load1)" >>"$renders"
    done <"$OUT/ranges.txt"
    tc_log "renderd cold run $run: load $lb -> $(bench_load1)"
}

tilecluster_miss() {
    local run="$1" lb result
    local store="$OUT/tc-store-miss"
    rm -rf "$store"
    bench_start_cluster "$store"
    curl -s -o /dev/null "$BENCH_URL/osm/10/537/360.png" # warm-up, not measured
    lb="$(bench_wait_load)"
    result="$(curl -s -o "$OUT/miss-tilecluster.png" -w '%{http_code}\t%{time_total}' "$BENCH_URL/osm/$MISS_TILE.png")"
    printf 'tilecluster\t%s\t%s\t%s\t%s\n' "$run" "$result" "$lb" "$(bench_load1)" >>"$misses"
    curl -s "$BENCH_URL/status.json" >"$OUT/tc-status-miss-$run.json"
    bench_stop_cluster
}

renderd_miss() {
    local run="$1" lb result
    rd_wipe_tiles 17
    sync
    lb="$(bench_wait_load)"
    result="$(curl -s -o "$OUT/miss-renderd.png" -w '%{http_code}\t%{time_total}' "$RD_HTTP_URL$MISS_TILE.png")"
    printf 'renderd\t%s\t%s\t%s\t%s\n' "$run" "$result" "$lb" "$(bench_load1)" >>"$misses"
}

tc_log "cold render z$ZMIN-$ZMAX, a first pass and $RUNS alternating runs (load now $(bench_load))"
rm -rf "$TC_STORE"
bench_start_cluster "$TC_STORE"
curl -s -o /dev/null "$BENCH_URL/osm/0/0/0.png" # JIT and font cache warm-up, not measured
for run in $(seq 0 "$RUNS"); do
    tilecluster_cold "$run"
    renderd_cold "$run"
done
curl -s "$BENCH_URL/status.json" >"$OUT/tc-status-cold.json"
bench_stop_cluster

tc_log "cold z17 miss, $MISS_RUNS alternating runs (load now $(bench_load))"
for run in $(seq 1 "$MISS_RUNS"); do
    tilecluster_miss "$run"
    renderd_miss "$run"
done

/usr/bin/python3 "$HERE/renderd/tiles.py" bytes "${BBOX[@]}" "$ZMIN" "$ZMAX" \
    "tilecluster=$TC_STORE/osm" "renderd=$RD_TILES/$RD_STYLE" >"$OUT/bytes.tsv"
/usr/bin/python3 "$HERE/renderd/report.py" "$OUT"
