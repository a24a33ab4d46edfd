# shellcheck shell=bash
# Shared helpers for the benchmark scripts: set-up, a cluster on a fresh store, tile maths.
set -euo pipefail
# shellcheck source=../scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

BENCH_PORT="${TILECLUSTER_BENCH_PORT:-8098}"
BENCH_URL="http://127.0.0.1:$BENCH_PORT"
BENCH_DIR="$TC_STATE_DIR/bench"
BENCH_SILOS="${BENCH_SILOS:-1}"
BENCH_PIDS=()
# Extra NAME=VALUE settings for the gateway, e.g. TILECLUSTER_Cache__Chains__default__0__Kind=none.
BENCH_GATEWAY_ENV=()

# BENCH_CONNECTION set in the environment (a connection string to a database that already holds
# the sample import, e.g. another checkout's PostgreSQL) skips scripts/setup.sh; then build first.
bench_setup() {
    tc_ensure_apt_packages wrk curl
    if [[ -z "${BENCH_CONNECTION:-}" ]]; then
        BENCH_CONNECTION="$(TILECLUSTER_DB=tilecluster "$TC_REPO_ROOT/scripts/setup.sh")"
    fi
    mkdir -p "$BENCH_DIR"
}

# bench_start_cluster STORE_DIR: a redis-server of its own for the Orleans membership (on the first
# free port from BENCH_PORT+300, no persistence, stopped by bench_stop_cluster), then BENCH_SILOS
# Release silos and a gateway on BENCH_PORT: silo i named silo-i, HTTP/1.1 (health, status) on
# BENCH_PORT+i, Orleans silo-to-silo on BENCH_PORT+100+i and Orleans gateway (for clients) on
# BENCH_PORT+200+i; a cluster id of its own. Every process runs from the repository root (relative
# config paths). Logging at Warning: only TILECLUSTER_-prefixed variables override
# config/tilecluster.json (an unprefixed Logging__LogLevel__Default is read before the file and
# loses to its "Information"). Waits until the gateway sees every silo active, at most BENCH_START_SECONDS
# (default 240: an Orleans silo took over 120 s to join once with the load average at 30-40).
bench_start_cluster() {
    local store="$1" i
    mkdir -p "$store"
    bench_start_redis
    local common=("TILECLUSTER_Database__ConnectionString=$BENCH_CONNECTION" "TILECLUSTER_Store__Root=$store"
        "TILECLUSTER_Cluster__Redis=127.0.0.1:$BENCH_REDIS_PORT"
        "TILECLUSTER_Cluster__ClusterId=bench-$$" "TILECLUSTER_Logging__LogLevel__Default=Warning")
    for ((i = 1; i <= BENCH_SILOS; i++)); do
        (cd "$TC_REPO_ROOT" && exec env "${common[@]}" "TILECLUSTER_Cluster__SiloName=silo-$i" \
            "TILECLUSTER_Cluster__AdvertisedAddress=127.0.0.1" \
            "TILECLUSTER_Cluster__SiloPort=$((BENCH_PORT + 100 + i))" \
            "TILECLUSTER_Cluster__GatewayPort=$((BENCH_PORT + 200 + i))" \
            dotnet "$TC_REPO_ROOT/src/Silo/bin/Release/net10.0/TileCluster.Silo.dll" \
            --urls "http://127.0.0.1:$((BENCH_PORT + i))") </dev/null >"$BENCH_DIR/silo-$i.log" 2>&1 &
        BENCH_PIDS+=("$!")
    done
    (cd "$TC_REPO_ROOT" && exec env "${common[@]}" "${BENCH_GATEWAY_ENV[@]}" \
        dotnet "$TC_REPO_ROOT/src/Gateway/bin/Release/net10.0/TileCluster.Gateway.dll" \
        --urls "$BENCH_URL") </dev/null >"$BENCH_DIR/gateway.log" 2>&1 &
    BENCH_PIDS+=("$!")
    for i in $(seq 1 $((2 * ${BENCH_START_SECONDS:-240}))); do
        if [[ "$(curl -s "$BENCH_URL/status.json" | grep -o '"status":"active"' | wc -l)" == "$BENCH_SILOS" ]]; then
            return 0
        fi
        sleep 0.5
    done
    tail -n 20 "$BENCH_DIR/gateway.log" "$BENCH_DIR"/silo-*.log >&2
    tc_die "cluster did not start within ${BENCH_START_SECONDS:-240} s"
}

# bench_stop_cluster: stops the silos and the gateway bench_start_cluster started, then its Redis.
bench_stop_cluster() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${BENCH_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    BENCH_PIDS=()
    bench_stop_redis
}

BENCH_REDIS_PORT=""
BENCH_REDIS_PIDFILE="$BENCH_DIR/redis.pid"

# bench_start_redis: a fresh, empty redis-server (nothing saved) on the first free port from
# BENCH_PORT+300; sets BENCH_REDIS_PORT.
bench_start_redis() {
    local port i
    command -v redis-server >/dev/null || tc_ensure_apt_packages redis-server
    bench_stop_redis
    for ((port = BENCH_PORT + 300; port < BENCH_PORT + 400; port++)); do
        if ! (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            break
        fi
    done
    rm -f "$BENCH_REDIS_PIDFILE"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --dir "$BENCH_DIR" --pidfile "$BENCH_REDIS_PIDFILE" --logfile "$BENCH_DIR/redis.log" >/dev/null ||
        tc_die "redis-server did not start on port $port (log: $BENCH_DIR/redis.log)"
    for i in $(seq 1 100); do
        if [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG && -s "$BENCH_REDIS_PIDFILE" ]]; then
            BENCH_REDIS_PORT="$port"
            return 0
        fi
        sleep 0.1
    done
    tc_die "redis-server did not answer on port $port (log: $BENCH_DIR/redis.log)"
}

# bench_stop_redis: stops the redis-server bench_start_redis started, if any, and waits for it.
bench_stop_redis() {
    local pid i
    [[ -s "$BENCH_REDIS_PIDFILE" ]] || return 0
    pid="$(cat "$BENCH_REDIS_PIDFILE")"
    if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server ]]; then
        kill "$pid" 2>/dev/null || true
        for i in $(seq 1 100); do
            [[ -d "/proc/$pid" ]] || break
            sleep 0.1
        done
    fi
    rm -f "$BENCH_REDIS_PIDFILE"
    BENCH_REDIS_PORT=""
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

# bench_fetch_all PARALLEL < paths: GETs $BENCH_URL/osm/PATH.png for every "z/x/y" line, PARALLEL
# at a time, through one curl process (a process per request would cost this machine's 2 cores
# ~40 ms of CPU each, taken from the servers being measured); fails on any non-200.
bench_fetch_all() {
    awk -v base="$BENCH_URL/osm/" '{ printf "url = \"%s%s.png\"\noutput = \"/dev/null\"\n", base, $0 }' |
        curl -s --no-progress-meter --parallel --parallel-max "$1" --config - -w '%{http_code}\n' | sort | uniq -c |
        awk '$2 != 200 { bad = 1; print "non-200: " $0 > "/dev/stderr" } END { exit bad }'
}

# bench_median: median of the numbers on stdin.
bench_median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

bench_now() { date +%s.%N; }

# ---------------------------------------------------------------------------- expire benchmarks

# The Liechtenstein bbox every benchmark renders.
BENCH_BBOX=(9.47 47.04 9.64 47.28)

# bench_expire_tree MINZ MAXZ: prints the path of a store holding every metatile of BENCH_BBOX at
# zooms MINZ..MAXZ (scale 1), rendering it once with a cluster started here (BENCH_SILOS silos)
# when missing. Later calls reuse it. Treat it as read-only: benchmarks copy it (bench_copy_tree).
bench_expire_tree() {
    local minz="$1" maxz="$2" z
    local tree="$BENCH_DIR/expire-tree-$minz-$maxz"
    if [[ ! -f "$tree.complete" ]]; then
        rm -rf "$tree"
        tc_log "rendering every metatile of ${BENCH_BBOX[*]} at z$minz-$maxz into $tree"
        bench_start_cluster "$tree"
        for ((z = minz; z <= maxz; z++)); do
            bench_metatiles "$z" "${BENCH_BBOX[@]}"
        done | bench_fetch_all 4
        bench_stop_cluster
        find "$tree" -name '*.meta' | wc -l >"$tree.complete"
    fi
    printf '%s\n' "$tree"
}

# bench_copy_tree SRC DST: DST becomes a copy of SRC, modification times included.
bench_copy_tree() {
    rm -rf "$2"
    cp -a "$1" "$2"
}

# bench_expire_list FILE: writes the synthetic 1,000,000-line z10-18 expire list (bench/gen-expire-list,
# deterministic) to FILE unless it is already there; its per-zoom counts go to FILE.counts.
bench_expire_list() {
    local file="$1"
    command -v python3 >/dev/null || tc_ensure_apt_packages python3
    if [[ ! -s "$file" || ! -s "$file.counts" ]]; then
        tc_log "writing the synthetic expire list $file"
        "$TC_REPO_ROOT/bench/gen-expire-list" -o "$file" 2>"$file.counts"
    fi
}

# bench_dirty_counts STORE [MTIME]: per zoom, stored .meta files and those whose mtime is MTIME
# (default: TileCluster's dirty mark 946681200) or, with MTIME "old", more than 15 years old
# (Debian's render_expired --touch-from sets a tile's mtime back 20 years). Prints
# "zoom<TAB>files<TAB>marked" lines.
bench_dirty_counts() {
    local store="$1" mark="${2:-946681200}"
    find "$store" -name '*.meta' -printf '%P %T@\n' | awk -v mark="$mark" -v old="$(($(date +%s) - 15 * 365 * 86400))" '{
        split($1, p, "/"); z = p[2]; files[z]++
        t = int($2)
        if ((mark == "old" && t < old) || (mark != "old" && t == mark)) dirty[z]++
    } END { for (z in files) printf "%s\t%d\t%d\n", z, files[z], dirty[z] }' | sort -n
}

# bench_lines_in_bbox WEST SOUTH EAST NORTH < list: the expire lines (z/x/y) whose tile overlaps the bbox.
bench_lines_in_bbox() {
    awk -F/ -v w="$1" -v s="$2" -v e="$3" -v n="$4" 'BEGIN {
        pi = atan2(0, -1); size = 2 ^ 18
        x0 = int((w + 180) / 360 * size); x1 = int((e + 180) / 360 * size)
        y0 = lat2y(n, size, pi); y1 = lat2y(s, size, pi)
    }
    function lat2y(lat, size, pi,   r) {
        r = lat * pi / 180
        return int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / pi) / 2 * size)
    }
    NF == 3 && $1 <= 18 {
        k = 2 ^ (18 - $1)
        if ($2 * k <= x1 && ($2 + 1) * k - 1 >= x0 && $3 * k <= y1 && ($3 + 1) * k - 1 >= y0) print
    }'
}

# bench_load: the 1, 5 and 15 minute load averages (other work on the machine skews every figure).
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }

# bench_post_expire FILE OUT [QUERY]: POSTs FILE to /admin/expire with the bearer $TOKEN; OUT gets
# the JSON body; prints "code seconds".
bench_post_expire() {
    curl -sS -o "$2" -w '%{http_code} %{time_total}\n' -X POST -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: text/plain' --data-binary "@$1" "$BENCH_URL/admin/expire${3:-}"
}

# bench_clean_delete LOG ZOOMS WEST SOUTH EAST NORTH: deletes the osm layer's metatiles of the box
# at ZOOMS ("12-16") through `tilecluster clean --delete` with the bearer $TOKEN (the silos' stores
# and every cache tier emptied, as an operator does after a style change); its output goes to LOG.
bench_clean_delete() {
    local log="$1" zooms="$2"
    shift 2
    dotnet "$TC_REPO_ROOT/src/Cli/bin/Release/net10.0/tilecluster.dll" clean --layer osm \
        --bbox "$(IFS=,; echo "$*")" --zooms "$zooms" --delete --gateway "$BENCH_URL" --token "$TOKEN" >"$log" 2>&1 ||
        tc_die "tilecluster clean --delete failed (log: $log)"
}

# bench_json FILE FIELD...: the fields' values, tab-separated.
bench_json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("\t".join(str(d.get(k)) for k in sys.argv[2:]))' "$@"; }

# bench_wait_load: waits (at most BENCH_LOAD_WAIT s, 600) for the 1-minute load average to fall
# below BENCH_MAX_LOAD (4); prints the 1-minute load average when it returns.
bench_wait_load() {
    local waited=0
    while ! awk -v max="${BENCH_MAX_LOAD:-4}" '{ exit !($1 < max) }' /proc/loadavg && ((waited < ${BENCH_LOAD_WAIT:-600})); do
        sleep 5
        waited=$((waited + 5))
    done
    cut -d' ' -f1 /proc/loadavg
}
bench_load1() { cut -d' ' -f1 /proc/loadavg; }
bench_seconds_since() { awk -v a="$1" -v b="$(bench_now)" 'BEGIN { printf "%.3f", b - a }'; }
