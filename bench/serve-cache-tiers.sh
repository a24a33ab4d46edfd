#!/usr/bin/env bash
# Cached serving through each gateway cache tier: wrk -t2 -c64 on one tile, then cycling through
# 1000 distinct z16 tiles (all rendered and cached beforehand), with the chain set to
#   memory     the default: one memory tier
#   redis      no memory tier, the cluster's own Redis (Cluster:Redis) as the only tier
#   memcached  no memory tier, a memcached (-m 256) on a free port as the only tier
# so every request of the last two is one round trip to the shared server. One silo; RUNS runs
# (default 3) of DURATION (default 10s) each; prints median req/s and p99 per tier and workload.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
bench_setup
command -v memcached >/dev/null || tc_ensure_apt_packages memcached
MEMCACHED_PID=""
stop_all() {
    bench_stop_cluster
    [[ -n "$MEMCACHED_PID" ]] && kill "$MEMCACHED_PID" 2>/dev/null
    return 0
}
trap stop_all EXIT
store="$BENCH_DIR/store-cache-tiers"
paths="$BENCH_DIR/paths-1000.txt"
for i in $(seq 0 999); do printf '/osm/16/%d/%d.png\n' $((34488 + i % 32)) $((22992 + i / 32)); done >"$paths"

run_wrk() { # name, extra wrk args...
    local name="$1" i files=()
    shift
    for i in $(seq 1 "$RUNS"); do
        wrk -t2 -c64 -d"$DURATION" --latency "$@" >"$BENCH_DIR/wrk-tiers-$name-$i.txt"
        files+=("$BENCH_DIR/wrk-tiers-$name-$i.txt")
    done
    local rps p99
    rps=$(grep -h '^Requests/sec' "${files[@]}" | awk '{ print $2 }' | bench_median)
    p99=$(grep -h '^ *99%' "${files[@]}" | awk '{ v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print v }' | bench_median)
    printf '%s\t%.0f req/s\tp99 %.2f ms\tload %s\n' "$name" "$rps" "$p99" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_tier() { # name
    bench_start_cluster "$store"
    sed 's#^/osm/##; s#\.png$##' "$paths" | bench_fetch_all 4
    run_wrk "$1-one-tile" "$BENCH_URL/osm/16/34501/23013.png"
    WRK_PATHS="$paths" run_wrk "$1-1000-tiles" -s "$(dirname "${BASH_SOURCE[0]}")/cycle.lua" "$BENCH_URL"
    bench_stop_cluster
}

bench_tier memory

BENCH_GATEWAY_ENV=(TILECLUSTER_Cache__Chains__default__0__Kind=none TILECLUSTER_Cache__Chains__default__1__Kind=redis)
bench_tier redis

memcached_port=$((BENCH_PORT + 400))
memcached -p "$memcached_port" -l 127.0.0.1 -U 0 -m 256 -u nobody </dev/null >"$BENCH_DIR/memcached.log" 2>&1 &
MEMCACHED_PID=$!
BENCH_GATEWAY_ENV=(TILECLUSTER_Cache__Chains__default__0__Kind=none TILECLUSTER_Cache__Chains__default__1__Kind=memcached
    "TILECLUSTER_Cache__Chains__default__1__Connection=127.0.0.1:$memcached_port")
bench_tier memcached
