#!/usr/bin/env bash
# (c) Cold-miss latency of one z17 tile: a warmed-up gateway, then three z17 tiles of distinct,
# never-rendered metatiles in Vaduz, Schaan and Triesen, one at a time. Prints each time and the median.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_setup
trap bench_stop_cluster EXIT
store="$BENCH_DIR/store-miss"
rm -rf "$store"
bench_start_cluster "$store"
curl -s -o /dev/null "$BENCH_URL/osm/10/537/360.png" # warm-up, not measured
times="$BENCH_DIR/cold-miss.txt"
: >"$times"
for tile in 17/69002/46026 17/68998/46013 17/69005/46044; do
    curl -s -o /dev/null -w '%{time_total}\n' "$BENCH_URL/osm/$tile.png" | tee -a "$times"
done
printf 'median cold z17 miss: %s s\n' "$(bench_median <"$times")"
