#!/usr/bin/env bash
# (a) Cold render throughput: every metatile of the bbox 9.47,47.04,9.64,47.28 at z12-16 on an
# empty store, one request per metatile, 4 in flight (the render pool has one thread per core).
# Three runs, each on a fresh store and a fresh gateway; prints medians per zoom and overall.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BBOX=(9.47 47.04 9.64 47.28)
RUNS="${RUNS:-3}"
bench_setup
trap bench_stop_cluster EXIT
results="$BENCH_DIR/render-cold.tsv"
: >"$results"
for run in $(seq 1 "$RUNS"); do
    store="$BENCH_DIR/store-cold-$run"
    rm -rf "$store"
    bench_start_cluster "$store"
    curl -s -o /dev/null "$BENCH_URL/osm/0/0/0.png" # JIT and font cache warm-up, not measured
    total_meta=0 total_time=0
    for z in 12 13 14 15 16; do
        bench_metatiles "$z" "${BBOX[@]}" >"$BENCH_DIR/meta-$z.txt"
        count=$(wc -l <"$BENCH_DIR/meta-$z.txt")
        start=$(bench_now)
        bench_fetch_all 4 <"$BENCH_DIR/meta-$z.txt"
        elapsed=$(awk -v a="$start" -v b="$(bench_now)" 'BEGIN { print b - a }')
        printf '%s\t%s\t%s\t%s\n' "$run" "$z" "$count" "$elapsed" >>"$results"
        total_meta=$((total_meta + count))
        total_time=$(awk -v a="$total_time" -v b="$elapsed" 'BEGIN { print a + b }')
    done
    printf '%s\tall\t%s\t%s\n' "$run" "$total_meta" "$total_time" >>"$results"
    bench_stop_cluster
done
printf 'zoom\tmetatiles\tmedian s\tmetatiles/s\ttiles/s\n'
for z in 12 13 14 15 16 all; do
    count=$(awk -v z="$z" '$2 == z { print $3; exit }' "$results")
    median=$(awk -v z="$z" '$2 == z { print $4 }' "$results" | bench_median)
    awk -v z="$z" -v c="$count" -v t="$median" 'BEGIN { printf "%s\t%d\t%.2f\t%.1f\t%.0f\n", z, c, t, c / t, c * 64 / t }'
done
