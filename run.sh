#!/usr/bin/env bash
# Sets up like scripts/setup.sh, starts TileCluster (a gateway and TILECLUSTER_SILOS silos) and
# prints "ready: URL" once the gateway's GET /readyz answers 200 (it sees an active silo). Ctrl-C (or SIGTERM) stops everything it started, PostgreSQL included if it
# started it; if a server process dies, it stops the rest and exits non-zero.
#
# Environment: TILECLUSTER_PORT (HTTP, default 8080), TILECLUSTER_SILOS (default 2),
#              TILECLUSTER_PG_PORT (default 54329),
#              TILECLUSTER_ADMIN_TOKEN (bearer token for /admin/*; default: one generated once
#                                       into .tilecluster/admin-token),
#              TILECLUSTER_HEALTH_TIMEOUT (seconds to wait for /readyz, default 60).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

HTTP_PORT="${TILECLUSTER_PORT:-8080}"
HEALTH_TIMEOUT="${TILECLUSTER_HEALTH_TIMEOUT:-60}"
DATABASE=tilecluster
SILOS="${TILECLUSTER_SILOS:-2}"
GATEWAY_DLL="$TC_REPO_ROOT/src/Gateway/bin/Release/net10.0/TileCluster.Gateway.dll"
SILO_DLL="$TC_REPO_ROOT/src/Silo/bin/Release/net10.0/TileCluster.Silo.dll"

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

# The whole cluster: SILOS silo processes and one gateway, all on 127.0.0.1. Silo i listens on
# HTTP_PORT+i (HTTP/1.1: health, status) and HTTP_PORT+100+i (HTTP/2: grain calls). The silos
# share one tile store, as silos sharing a volume would.
start_cluster() {
    mkdir -p "$TC_STATE_DIR/tiles"
    local common=("TILECLUSTER_Database__ConnectionString=$TC_CONNECTION_STRING" "TILECLUSTER_Store__Root=$TC_STATE_DIR/tiles")
    local i
    for ((i = 1; i <= SILOS; i++)); do
        # Working directory: the repository (relative config paths).
        start_process "silo-$i" "$TC_REPO_ROOT" env "${common[@]}" \
            "TILECLUSTER_Cluster__SiloId=silo-$i" \
            "TILECLUSTER_Cluster__AdvertisedUrl=http://127.0.0.1:$((HTTP_PORT + 100 + i))" \
            dotnet "$SILO_DLL" --urls "http://127.0.0.1:$((HTTP_PORT + i))"
    done
    start_process gateway "$TC_REPO_ROOT" env "${common[@]}" \
        "TILECLUSTER_Admin__Token=$ADMIN_TOKEN" \
        dotnet "$GATEWAY_DLL" --urls "http://127.0.0.1:$HTTP_PORT"
}

# The admin bearer token: TILECLUSTER_ADMIN_TOKEN, or one generated on first run and kept.
admin_token() {
    if [[ -n "${TILECLUSTER_ADMIN_TOKEN:-}" ]]; then
        printf '%s' "$TILECLUSTER_ADMIN_TOKEN"
        return
    fi
    local file="$TC_STATE_DIR/admin-token"
    if [[ ! -s "$file" ]]; then
        (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$file")
    fi
    cat "$file"
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
    local url="http://127.0.0.1:$HTTP_PORT/readyz"
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
    [[ "$SILOS" =~ ^[1-9][0-9]?$ ]] || tc_die "TILECLUSTER_SILOS must be a number from 1 to 99, got '$SILOS'"
    local port
    for port in "$HTTP_PORT" $(seq $((HTTP_PORT + 1)) $((HTTP_PORT + SILOS))) $(seq $((HTTP_PORT + 101)) $((HTTP_PORT + 100 + SILOS))); do
        port_is_taken "$port" && tc_die "port $port is already in use (set TILECLUSTER_PORT)"
    done
    ADMIN_TOKEN="$(admin_token)"
    [[ ${#ADMIN_TOKEN} -ge 8 ]] || tc_die "TILECLUSTER_ADMIN_TOKEN must be at least 8 characters"
    start_cluster
    wait_until_healthy
    if [[ -z "${TILECLUSTER_ADMIN_TOKEN:-}" ]]; then
        printf 'admin token (for POST /admin/expire): in %s\n' "$TC_STATE_DIR/admin-token"
    fi
    printf 'ready: http://127.0.0.1:%s/osm/preview.html\n' "$HTTP_PORT"

    local status=0
    wait -n "${SERVER_PIDS[@]}" || status=$?
    show_server_logs
    tc_die "a TileCluster process exited (status $status)"
}

main "$@"
