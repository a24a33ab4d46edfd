#!/usr/bin/env bash
# Sets up like scripts/setup.sh, starts TileCluster and prints "ready: URL" once GET /healthz
# answers 200. Ctrl-C (or SIGTERM) stops everything it started, PostgreSQL included if it
# started it; if a server process dies, it stops the rest and exits non-zero.
#
# Environment: TILECLUSTER_PORT (HTTP, default 8080), TILECLUSTER_PG_PORT (default 54329),
#              TILECLUSTER_HEALTH_TIMEOUT (seconds to wait for /healthz, default 60).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

HTTP_PORT="${TILECLUSTER_PORT:-8080}"
HEALTH_TIMEOUT="${TILECLUSTER_HEALTH_TIMEOUT:-60}"
DATABASE=tilecluster
GATEWAY_DLL="$TC_REPO_ROOT/src/Gateway/bin/Release/net10.0/TileCluster.Gateway.dll"

# Processes started by start_process, index-aligned.
SERVER_PIDS=()
SERVER_NAMES=()
SERVER_LOGS=()

# start_process NAME WORKDIR COMMAND...: runs COMMAND in the background, output to .tilecluster/NAME.log.
start_process() {
    local name="$1" workdir="$2"
    shift 2
    local logfile="$TC_STATE_DIR/$name.log"
    tc_log "starting $name (log: $logfile)"
    (cd "$workdir" && exec "$@") </dev/null >"$logfile" 2>&1 &
    SERVER_PIDS+=("$!")
    SERVER_NAMES+=("$name")
    SERVER_LOGS+=("$logfile")
}

# The whole server. For now one process (the gateway hosts the grains in-process); this is
# the place to start a gateway and N silos instead.
start_cluster() {
    mkdir -p "$TC_STATE_DIR/tiles"
    # Working directory: the repository (relative config paths).
    start_process gateway "$TC_REPO_ROOT" env \
        "TILECLUSTER_Database__ConnectionString=$TC_CONNECTION_STRING" \
        "TILECLUSTER_Store__Root=$TC_STATE_DIR/tiles" \
        dotnet "$GATEWAY_DLL" --urls "http://127.0.0.1:$HTTP_PORT"
}

port_is_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

show_server_logs() {
    local i
    for i in "${!SERVER_PIDS[@]}"; do
        printf -- '--- last lines of %s ---\n' "${SERVER_LOGS[$i]}" >&2
        tail -n 30 "${SERVER_LOGS[$i]}" >&2 || true
    done
}

# Name of the first started process that is no longer running, if any.
dead_server() {
    local i
    for i in "${!SERVER_PIDS[@]}"; do
        if ! kill -0 "${SERVER_PIDS[$i]}" 2>/dev/null; then
            printf '%s' "${SERVER_NAMES[$i]}"
            return 0
        fi
    done
    return 1
}

wait_until_healthy() {
    local url="http://127.0.0.1:$HTTP_PORT/healthz"
    local deadline=$((SECONDS + HEALTH_TIMEOUT)) code="none" dead
    tc_log "waiting up to ${HEALTH_TIMEOUT}s for $url"
    while ((SECONDS < deadline)); do
        if dead="$(dead_server)"; then
            show_server_logs
            tc_die "$dead exited before $url answered"
        fi
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)"
        [[ "$code" == 200 ]] && return 0
        sleep 0.5
    done
    show_server_logs
    tc_die "$url did not answer 200 within ${HEALTH_TIMEOUT}s (last answer: ${code:-none})"
}

# shellcheck disable=SC2317 # called from the EXIT trap
stop_servers() {
    local pid waited
    for pid in "${SERVER_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${SERVER_PIDS[@]}"; do
        waited=0
        while kill -0 "$pid" 2>/dev/null && ((waited < 20)); do
            sleep 0.5
            waited=$((waited + 1))
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    SERVER_PIDS=()
}

# shellcheck disable=SC2317 # the EXIT trap
cleanup() {
    set +e
    if ((${#SERVER_PIDS[@]} > 0)); then
        tc_log "stopping TileCluster"
        stop_servers
    fi
    tc_pg_stop_if_started_here
}

main() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    tc_setup_all "$DATABASE"
    if port_is_taken "$HTTP_PORT"; then
        tc_die "port $HTTP_PORT is already in use (set TILECLUSTER_PORT)"
    fi
    start_cluster
    wait_until_healthy
    printf 'ready: http://127.0.0.1:%s/osm/preview.html\n' "$HTTP_PORT"

    local status=0
    wait -n "${SERVER_PIDS[@]}" || status=$?
    show_server_logs
    tc_die "a TileCluster process exited (status $status)"
}

main "$@"
