#!/usr/bin/env bash
# Sets up like scripts/setup.sh, starts TileCluster (a gateway and TILECLUSTER_SILOS silos) and
# prints "ready: URL" once the gateway's GET /readyz answers 200 (it sees an active silo).
#
# Supervision, as a Kubernetes StatefulSet would: once ready, a silo or the gateway that exits
# by itself (a crash, kill -9) is started again with the same name, ports and log (appended to),
# after 1 s, doubling up to 30 s while it keeps dying within 30 s of its start; the others keep
# running. Before "ready", an exit is a start-up failure: run.sh shows the logs and stops.
# Ctrl-C (or SIGTERM) stops everything it started: the servers, then Redis and PostgreSQL if it
# started them.
#
# Environment: TILECLUSTER_PORT (HTTP, default 8080), TILECLUSTER_SILOS (default 2),
#              TILECLUSTER_PG_PORT (default 54329), TILECLUSTER_REDIS_PORT (default 63790),
#              TILECLUSTER_ADMIN_TOKEN (bearer token for /admin/*; default: one generated once
#                                       into .tilecluster/admin-token),
#              TILECLUSTER_HEALTH_TIMEOUT (seconds to wait for /readyz, default 60),
#              TILECLUSTER_DB (database with the sample import, default tilecluster),
#              TILECLUSTER_SKIP_SETUP=1 (no apt, npm, build or import: for a tree that is
#                                        already built and imported; PostgreSQL and Redis are
#                                        still started if they are not running).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

HTTP_PORT="${TILECLUSTER_PORT:-8080}"
HEALTH_TIMEOUT="${TILECLUSTER_HEALTH_TIMEOUT:-60}"
DATABASE="${TILECLUSTER_DB:-tilecluster}"
SILOS="${TILECLUSTER_SILOS:-2}"
GATEWAY_DLL="$TC_REPO_ROOT/src/Gateway/bin/Release/net10.0/TileCluster.Gateway.dll"
SILO_DLL="$TC_REPO_ROOT/src/Silo/bin/Release/net10.0/TileCluster.Silo.dll"
# Restart back-off: the first delay, its cap, and how long a process must have run for its next
# exit to count as a fresh failure (delay back to the first) rather than a crash loop.
RESTART_DELAY_FIRST=1
RESTART_DELAY_MAX=30
RESTART_STABLE_SECONDS=30

# The servers, index-aligned: name (silo-N or gateway), pid ("" while waiting to restart),
# SECONDS at its last start, current restart delay, SECONDS at which to restart it.
SERVER_NAMES=()
SERVER_PIDS=()
SERVER_STARTED=()
SERVER_DELAY=()
SERVER_RESTART_AT=()

server_log() { printf '%s/%s.log' "$TC_STATE_DIR" "$1"; }

# Sets SERVER_ARGV to the command line of server NAME. Silo i listens on HTTP_PORT+i (HTTP/1.1:
# health, status), HTTP_PORT+100+i (Orleans silo-to-silo) and HTTP_PORT+200+i (Orleans gateway,
# for clients). All share one tile store, as silos sharing a volume would, one job folder and one Redis.
server_argv() {
    local name="$1"
    local common=(
        "TILECLUSTER_Database__ConnectionString=$TC_CONNECTION_STRING"
        "TILECLUSTER_Store__Root=$TC_STATE_DIR/tiles"
        "TILECLUSTER_Jobs__Root=$TC_STATE_DIR/jobs"
        "TILECLUSTER_Cluster__Redis=$TC_REDIS"
    )
    case "$name" in
        silo-*)
            local i="${name#silo-}"
            SERVER_ARGV=(env "${common[@]}"
                "TILECLUSTER_Cluster__SiloName=$name"
                "TILECLUSTER_Cluster__AdvertisedAddress=127.0.0.1"
                "TILECLUSTER_Cluster__SiloPort=$((HTTP_PORT + 100 + i))"
                "TILECLUSTER_Cluster__GatewayPort=$((HTTP_PORT + 200 + i))"
                dotnet "$SILO_DLL" --urls "http://127.0.0.1:$((HTTP_PORT + i))")
            ;;
        gateway)
            SERVER_ARGV=(env "${common[@]}"
                "TILECLUSTER_Admin__Token=$ADMIN_TOKEN"
                dotnet "$GATEWAY_DLL" --urls "http://127.0.0.1:$HTTP_PORT")
            ;;
        *) tc_die "no such server: $name" ;;
    esac
}

# start_server INDEX: runs that server in the background from the repository (relative config
# paths), output to .tilecluster/NAME.log; a first start truncates the log, a restart appends.
start_server() {
    local index="$1"
    local name="${SERVER_NAMES[$index]}" logfile
    logfile="$(server_log "$name")"
    server_argv "$name"
    if [[ -z "${SERVER_STARTED[$index]:-}" ]]; then
        tc_log "starting $name (log: $logfile)"
        : >"$logfile"
    else
        printf '\n--- run.sh: restarting %s at %s ---\n' "$name" "$(date -u +%FT%TZ)" >>"$logfile"
    fi
    (cd "$TC_REPO_ROOT" && exec "${SERVER_ARGV[@]}") </dev/null >>"$logfile" 2>&1 &
    SERVER_PIDS[index]="$!"
    SERVER_STARTED[index]="$SECONDS"
}

start_cluster() {
    mkdir -p "$TC_STATE_DIR/tiles"
    local i
    for ((i = 1; i <= SILOS; i++)); do
        SERVER_NAMES+=("silo-$i")
    done
    SERVER_NAMES+=(gateway)
    for i in "${!SERVER_NAMES[@]}"; do
        SERVER_DELAY[i]="$RESTART_DELAY_FIRST"
        SERVER_RESTART_AT[i]=""
        start_server "$i"
    done
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

# Every port the cluster will listen on must be free before anything starts.
check_ports_free() {
    local ports=("$HTTP_PORT") i port
    for ((i = 1; i <= SILOS; i++)); do
        ports+=("$((HTTP_PORT + i))" "$((HTTP_PORT + 100 + i))" "$((HTTP_PORT + 200 + i))")
    done
    for port in "${ports[@]}"; do
        tc_port_is_taken "$port" && tc_die "port $port is already in use (set TILECLUSTER_PORT)"
    done
    return 0
}

show_server_logs() {
    local name
    for name in "${SERVER_NAMES[@]}"; do
        printf -- '--- last lines of %s ---\n' "$(server_log "$name")" >&2
        tail -n 30 "$(server_log "$name")" >&2 || true
    done
}

# Index of the first running server whose process has exited, if any. Bash reaps its children
# as they exit, so kill -0 fails for an exited one.
exited_server() {
    local i
    for i in "${!SERVER_PIDS[@]}"; do
        if [[ -n "${SERVER_PIDS[$i]}" ]] && ! kill -0 "${SERVER_PIDS[$i]}" 2>/dev/null; then
            printf '%s' "$i"
            return 0
        fi
    done
    return 1
}

wait_until_healthy() {
    local url="http://127.0.0.1:$HTTP_PORT/readyz"
    local deadline=$((SECONDS + HEALTH_TIMEOUT)) code="none" index
    tc_log "waiting up to ${HEALTH_TIMEOUT}s for $url"
    while ((SECONDS < deadline)); do
        if index="$(exited_server)"; then
            show_server_logs
            tc_die "${SERVER_NAMES[$index]} exited before $url answered"
        fi
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)"
        [[ "$code" == 200 ]] && return 0
        sleep 0.5
    done
    show_server_logs
    tc_die "$url did not answer 200 within ${HEALTH_TIMEOUT}s (last answer: ${code:-none})"
}

# Collects the exit of server INDEX and schedules its restart after its current delay.
schedule_restart() {
    local index="$1" status=0 ran delay
    wait "${SERVER_PIDS[$index]}" || status=$?
    SERVER_PIDS[index]=""
    ran=$((SECONDS - SERVER_STARTED[index]))
    delay="${SERVER_DELAY[$index]}"
    if ((ran >= RESTART_STABLE_SECONDS)); then
        delay="$RESTART_DELAY_FIRST"
    fi
    printf '%s exited (status %d); restarting it in %d s\n' "${SERVER_NAMES[$index]}" "$status" "$delay"
    SERVER_RESTART_AT[index]=$((SECONDS + delay))
    # The delay for its next exit, if that comes before it has run RESTART_STABLE_SECONDS.
    SERVER_DELAY[index]=$((delay * 2 > RESTART_DELAY_MAX ? RESTART_DELAY_MAX : delay * 2))
}

# Runs until a signal ends run.sh: restarts servers that exit, each on its own schedule.
supervise() {
    local index
    while true; do
        while index="$(exited_server)"; do
            schedule_restart "$index"
        done
        for index in "${!SERVER_NAMES[@]}"; do
            if [[ -n "${SERVER_RESTART_AT[$index]}" ]] && ((SECONDS >= SERVER_RESTART_AT[index])); then
                SERVER_RESTART_AT[index]=""
                start_server "$index"
                tc_log "restarted ${SERVER_NAMES[$index]} (pid ${SERVER_PIDS[$index]})"
            fi
        done
        sleep 0.5
    done
}

# shellcheck disable=SC2317 # called from the EXIT trap
stop_servers() {
    local pid waited
    for pid in "${SERVER_PIDS[@]}"; do
        [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${SERVER_PIDS[@]}"; do
        [[ -n "$pid" ]] || continue
        waited=0
        while kill -0 "$pid" 2>/dev/null && ((waited < 20)); do
            sleep 0.5
            waited=$((waited + 1))
        done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
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
    tc_redis_stop_if_started_here
    tc_pg_stop_if_started_here
}

# TILECLUSTER_SKIP_SETUP=1: only the databases; the build and the import must be there already.
start_databases_only() {
    local dll
    for dll in "$SILO_DLL" "$GATEWAY_DLL"; do
        [[ -f "$dll" ]] || tc_die "TILECLUSTER_SKIP_SETUP=1 but $dll is missing; run without it (or scripts/setup.sh) once"
    done
    tc_pg_ensure_running
    tc_redis_ensure_running
    tc_db_has_import "$DATABASE" "$(basename "$TC_SAMPLE_PBF")" ||
        tc_die "TILECLUSTER_SKIP_SETUP=1 but database $DATABASE holds no import; run without it (or scripts/setup.sh) once"
    TC_CONNECTION_STRING="$(tc_connection_string "$DATABASE")"
}

main() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    [[ "$SILOS" =~ ^[1-9][0-9]?$ ]] || tc_die "TILECLUSTER_SILOS must be a number from 1 to 99, got '$SILOS'"
    if [[ ! "$HTTP_PORT" =~ ^[1-9][0-9]{0,4}$ ]] || ((HTTP_PORT + 200 + SILOS > 65535)); then
        tc_die "TILECLUSTER_PORT must be a port number that leaves room for the silos' ports (up to +200+silos), got '$HTTP_PORT'"
    fi
    if [[ "${TILECLUSTER_SKIP_SETUP:-0}" == 1 ]]; then
        start_databases_only
    else
        tc_setup_all "$DATABASE"
    fi
    check_ports_free
    ADMIN_TOKEN="$(admin_token)"
    [[ ${#ADMIN_TOKEN} -ge 8 ]] || tc_die "TILECLUSTER_ADMIN_TOKEN must be at least 8 characters"
    start_cluster
    wait_until_healthy
    if [[ -z "${TILECLUSTER_ADMIN_TOKEN:-}" ]]; then
        printf 'admin token (for POST /admin/expire): in %s\n' "$TC_STATE_DIR/admin-token"
    fi
    printf 'ready: http://127.0.0.1:%s/osm/preview.html\n' "$HTTP_PORT"
    supervise
}

main "$@"
