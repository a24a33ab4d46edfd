# shellcheck shell=bash
# Shared helpers for the benchmark scripts: set-up, a gateway on a fresh store, tile maths.
set -euo pipefail
# shellcheck source=../scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

BENCH_PORT="${TILECLUSTER_BENCH_PORT:-8098}"
BENCH_URL="http://127.0.0.1:$BENCH_PORT"
BENCH_DIR="$TC_STATE_DIR/bench"
GATEWAY_PID=""

bench_setup() {
    tc_ensure_apt_packages wrk curl
    BENCH_CONNECTION="$(TILECLUSTER_DB=tilecluster "$TC_REPO_ROOT/scripts/setup.sh")"
    mkdir -p "$BENCH_DIR"
}

# bench_start_gateway STORE_DIR: a Release gateway on BENCH_PORT, waits for /healthz.
bench_start_gateway() {
    local store="$1"
    mkdir -p "$store"
    TILECLUSTER_Database__ConnectionString="$BENCH_CONNECTION" TILECLUSTER_Store__Root="$store" \
        Logging__LogLevel__Default=Warning \
        dotnet "$TC_REPO_ROOT/src/Gateway/bin/Release/net10.0/TileCluster.Gateway.dll" \
        --urls "$BENCH_URL" >"$BENCH_DIR/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    local i
    for i in $(seq 1 120); do
        curl -sf -o /dev/null "$BENCH_URL/healthz" && return 0
        sleep 0.5
    done
    tail -20 "$BENCH_DIR/gateway.log" >&2
    tc_die "gateway did not start"
}

bench_stop_gateway() {
    if [[ -n "$GATEWAY_PID" ]]; then
        kill "$GATEWAY_PID" 2>/dev/null || true
        wait "$GATEWAY_PID" 2>/dev/null || true
        GATEWAY_PID=""
    fi
}

# bench_metatiles Z WEST SOUTH EAST NORTH: prints "z/x/y" of the top-left tile of every metatile in the bbox.
bench_metatiles() {
    awk -v z="$1" -v w="$2" -v s="$3" -v e="$4" -v n="$5" 'BEGIN {
        pi = atan2(0, -1); size = 2 ^ z
        x0 = int((w + 180) / 360 * size); x1 = int((e + 180) / 360 * size)
        y0 = lat2y(n, size, pi); y1 = lat2y(s, size, pi)
        meta = size < 8 ? size : 8
        for (x = x0 - x0 % meta; x <= x1; x += meta)
            for (y = y0 - y0 % meta; y <= y1; y += meta)
                printf "%d/%d/%d\n", z, x, y
    }
    function lat2y(lat, size, pi,   r) {
        r = lat * pi / 180
        return int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / pi) / 2 * size)
    }'
}

# bench_fetch_all PARALLEL < paths: GETs every path, fails on any non-200.
bench_fetch_all() {
    xargs -P "$1" -I{} curl -s -o /dev/null -w '%{http_code}\n' "$BENCH_URL/osm/{}.png" | sort | uniq -c | awk '$2 != 200 { bad = 1; print "non-200: " $0 > "/dev/stderr" } END { exit bad }'
}

# bench_median: median of the numbers on stdin.
bench_median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

bench_now() { date +%s.%N; }
