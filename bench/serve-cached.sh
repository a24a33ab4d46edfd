#!/usr/bin/env bash
# (b) Cached serving: wrk -t2 -c64 -d15s on one tile, then cycling through 1000 distinct tiles
# (z16 over Vaduz and Schaan), all rendered beforehand. Then the same 1000 tiles with the gateway's memory
# cache tier off (Kind none), so every request crosses the gateway -> silo hop (an Orleans grain call) and reads the .meta store:
# the difference is the cost of the hop. Three runs each; prints median req/s and p99.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-15s}"
bench_setup
trap bench_stop_cluster EXIT
store="$BENCH_DIR/store-cached"
paths="$BENCH_DIR/paths-1000.txt"
for i in $(seq 0 999); do printf '/osm/16/%d/%d.png\n' $((34488 + i % 32)) $((22992 + i / 32)); done >"$paths"

run_wrk() { # name, extra wrk args...
    local name="$1" i files=()
    shift
    # This run's files only: a glob would also take wrk-1000-tiles-via-silo-* (and earlier runs) for 1000-tiles.
    for i in $(seq 1 "$RUNS"); do
        wrk -t2 -c64 -d"$DURATION" --latency "$@" >"$BENCH_DIR/wrk-$name-$i.txt"
        files+=("$BENCH_DIR/wrk-$name-$i.txt")
    done
    local rps p99
    rps=$(grep -h '^Requests/sec' "${files[@]}" | awk '{ print $2 }' | bench_median)
    p99=$(grep -h '^ *99%' "${files[@]}" | awk '{ v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print v }' | bench_median)
    printf '%s\t%.0f req/s\tp99 %.2f ms\n' "$name" "$rps" "$p99"
}

bench_start_cluster "$store"
sed 's#^/osm/##; s#\.png$##' "$paths" | bench_fetch_all 4
run_wrk one-tile "$BENCH_URL/osm/16/34501/23013.png"
WRK_PATHS="$paths" run_wrk 1000-tiles -s "$(dirname "${BASH_SOURCE[0]}")/cycle.lua" "$BENCH_URL"
bench_stop_cluster

BENCH_GATEWAY_ENV=(TILECLUSTER_Cache__Chains__default__0__Kind=none)
bench_start_cluster "$store"
WRK_PATHS="$paths" run_wrk 1000-tiles-via-silo -s "$(dirname "${BASH_SOURCE[0]}")/cycle.lua" "$BENCH_URL"
