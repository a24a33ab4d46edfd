# shellcheck shell=bash
# Shared helpers for setup.sh, run.sh and test.sh. Source it; it runs nothing by itself.
#
# Environment it honours:
#   TILECLUSTER_PG_PORT   port of the project-local PostgreSQL (default 54329, 127.0.0.1 only)
#   TILECLUSTER_REDIS_PORT port of the project-local Redis (default 63790, 127.0.0.1 only)
#   TILECLUSTER_FOR_TESTS 1 = also install what the tests need (chromium)
#   CI                    true = no MSBuild/compiler servers left running after the build

# ---------------------------------------------------------------------------- paths, settings

TC_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
TC_STATE_DIR="$TC_REPO_ROOT/.tilecluster"
TC_PG_BIN=/usr/lib/postgresql/15/bin
TC_PG_DATA="$TC_STATE_DIR/pg"
TC_PG_SOCKET_DIR="$TC_STATE_DIR/run"
TC_PG_LOG="$TC_STATE_DIR/postgres.log"
TC_PG_PORT="${TILECLUSTER_PG_PORT:-54329}"
TC_PG_SUPERUSER=postgres
# Redis holds the Orleans cluster membership (Cluster:Redis).
TC_REDIS_DIR="$TC_STATE_DIR/redis"
TC_REDIS_CONF="$TC_REDIS_DIR/redis.conf"
TC_REDIS_PIDFILE="$TC_STATE_DIR/redis.pid"
TC_REDIS_LOG="$TC_STATE_DIR/redis.log"
TC_REDIS_PORT="${TILECLUSTER_REDIS_PORT:-63790}"
# The StackExchange.Redis connection string of the project-local Redis.
TC_REDIS="127.0.0.1:$TC_REDIS_PORT"
export TC_REDIS
TC_SAMPLE_PBF="$TC_REPO_ROOT/data/sample/liechtenstein-2013-08-03.osm.pbf"
# Template for per-test scratch copies (CREATE DATABASE ... TEMPLATE), set up with --for-tests.
TC_TEMPLATE_DB="${TILECLUSTER_TEMPLATE_DB:-tilecluster_template}"
TC_OSM_STYLE=/usr/share/osm2pgsql/default.style
TC_CLIENT_APP="$TC_REPO_ROOT/src/Gateway/ClientApp"
TC_CLIENT_LIB="$TC_REPO_ROOT/src/Gateway/wwwroot/lib"
# s3rver, the S3-API server the S3 store tier's tests start (tests/Shared/S3Server.cs); no S3 server is packaged in Debian.
TC_S3RVER_DIR="$TC_REPO_ROOT/tools/s3rver"

TC_APT_PACKAGES=(
    postgresql-15 postgresql-15-postgis-3 osm2pgsql
    libimagequant0
    fonts-noto-core fonts-noto-cjk fonts-dejavu-core curl redis-server
)
# gdal-bin, sqlite3 and unzip: the real clients the output writer tests check MBTiles, TMS trees and zips with.
# memcached: the cache tier tests start their own servers on free ports (tests/Shared/MemcachedServer.cs).
TC_APT_TEST_PACKAGES=(chromium gdal-bin sqlite3 unzip memcached)

# Set to 1 by tc_pg_ensure_running when this process started PostgreSQL (so it may stop it).
TC_PG_STARTED_HERE=0
# Likewise for Redis and tc_redis_ensure_running.
TC_REDIS_STARTED_HERE=0

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------------------- logging

tc_log() { printf '==> %s\n' "$*" >&2; }
tc_warn() { printf 'warning: %s\n' "$*" >&2; }
tc_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Runs a command quietly into a log file; on failure shows the log's tail and fails.
tc_run_logged() {
    local logfile="$1"
    shift
    if ! "$@" >"$logfile" 2>&1; then
        tail -n 40 "$logfile" >&2
        tc_die "'$*' failed (full log: $logfile)"
    fi
}

tc_is_root() { [[ $EUID -eq 0 ]]; }

# True when something accepts TCP connections on 127.0.0.1:PORT.
tc_port_is_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------- apt packages

tc_apt_is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# Installs those of the given packages that are missing: one apt-get update, one install.
tc_ensure_apt_packages() {
    local pkg missing=()
    for pkg in "$@"; do
        tc_apt_is_installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0

    local sudo=()
    if ! tc_is_root; then
        command -v sudo >/dev/null || tc_die "missing packages (${missing[*]}) and not root; install them first"
        sudo=(sudo -n)
    fi
    tc_log "installing apt packages: ${missing[*]}"
    tc_run_logged "$TC_STATE_DIR/apt-update.log" "${sudo[@]}" apt-get update
    tc_run_logged "$TC_STATE_DIR/apt-install.log" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------- client assets

# npm ci in DIR only when its package-lock.json changed since the last successful one.
tc_ensure_npm_dir() {
    local dir="$1"
    local stamp="$dir/node_modules/.tilecluster-lock.sha256"
    local lock_sum
    lock_sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" ]]; then
        return 0
    fi
    tc_log "npm ci in ${dir#"$TC_REPO_ROOT/"}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) ||
        tc_die "npm ci failed in $dir"
    printf '%s\n' "$lock_sum" >"$stamp"
}

# The preview page's browser libraries.
tc_ensure_npm_packages() { tc_ensure_npm_dir "$TC_CLIENT_APP"; }

# Copies FILES... (paths relative to SRC) into DEST, replacing DEST, only when the copy differs,
# so an unchanged wwwroot does not make the build redo work.
tc_copy_client_lib() {
    local name="$1" src="$2" dest="$3" file same=1
    shift 3
    for file in "$@"; do
        if [[ -d "$src/$file" ]]; then
            diff -rq "$src/$file" "$dest/$file" >/dev/null 2>&1 || same=0
        else
            cmp -s "$src/$file" "$dest/$file" || same=0
        fi
    done
    ((same)) && return 0
    tc_log "copying $name into ${dest#"$TC_REPO_ROOT/"}"
    rm -rf "$dest"
    mkdir -p "$dest"
    for file in "$@"; do
        cp -R "$src/$file" "$dest/"
    done
}

# The preview page's browser libraries from npm: Leaflet, and Leaflet.draw for the export panel's box.
tc_copy_client_libs() {
    tc_copy_client_lib leaflet "$TC_CLIENT_APP/node_modules/leaflet/dist" "$TC_CLIENT_LIB/leaflet" \
        leaflet.js leaflet.css images
    tc_copy_client_lib leaflet-draw "$TC_CLIENT_APP/node_modules/leaflet-draw/dist" "$TC_CLIENT_LIB/leaflet-draw" \
        leaflet.draw.js leaflet.draw.css images
}

# ---------------------------------------------------------------------------- .NET build

tc_dotnet_build() {
    local args=(-c Release -nologo -v quiet -tl:off)
    if [[ "${CI:-}" == "true" ]]; then
        # Build servers outlive the build and would keep CI's output pipe open.
        export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
        args+=(-nodeReuse:false)
    fi
    tc_log "dotnet build cluster.sln -c Release"
    dotnet build "$TC_REPO_ROOT/cluster.sln" "${args[@]}" >&2 || tc_die "dotnet build failed"
}

# ---------------------------------------------------------------------------- PostgreSQL

# Runs a command as the owner of the cluster: postgres when we are root (initdb and pg_ctl
# refuse root), else the current user.
tc_as_pg_owner() {
    if tc_is_root; then
        runuser -u "$TC_PG_SUPERUSER" -- "$@"
    else
        "$@"
    fi
}

tc_pg_ctl() { tc_as_pg_owner "$TC_PG_BIN/pg_ctl" -D "$TC_PG_DATA" "$@"; }

# Gives a file or folder we made (as root) to the cluster owner.
tc_give_to_pg_owner() {
    if tc_is_root; then
        chown -R "$TC_PG_SUPERUSER:" "$@"
    fi
}

# The postgres user must be able to reach .tilecluster/: add o+x to exactly the folders
# on the way that it cannot traverse (e.g. a mode-700 mktemp dir).
tc_pg_make_path_traversable() {
    tc_is_root || return 0
    runuser -u "$TC_PG_SUPERUSER" -- test -x "$TC_STATE_DIR" && return 0
    local dir="" part
    local -a parts
    IFS=/ read -ra parts <<<"${TC_STATE_DIR#/}"
    for part in "${parts[@]}"; do
        dir="$dir/$part"
        if ! runuser -u "$TC_PG_SUPERUSER" -- test -x "$dir"; then
            tc_log "adding o+x to $dir so the postgres user can reach .tilecluster/pg"
            chmod o+x "$dir"
        fi
    done
}

# A unix socket path must fit in 107 bytes; if ours would not, PostgreSQL only listens on TCP.
tc_pg_socket_setting() {
    local socket="$TC_PG_SOCKET_DIR/.s.PGSQL.$TC_PG_PORT"
    if ((${#socket} > 100)); then
        tc_warn "repository path too long for a unix socket; PostgreSQL listens on TCP only"
        printf ''
    else
        printf '%s' "$TC_PG_SOCKET_DIR"
    fi
}

tc_pg_init() {
    [[ -f "$TC_PG_DATA/PG_VERSION" ]] && return 0
    local staging="$TC_PG_DATA.init"
    tc_log "initdb $TC_PG_DATA"
    rm -rf "$TC_PG_DATA" "$staging"
    mkdir -p "$staging"
    chmod 700 "$staging"
    tc_give_to_pg_owner "$staging"
    tc_run_logged "$TC_STATE_DIR/initdb.log" tc_as_pg_owner "$TC_PG_BIN/initdb" \
        -D "$staging" -U "$TC_PG_SUPERUSER" --auth=trust -E UTF8 --locale=C.UTF-8
    printf "include_if_exists = 'tilecluster.conf'\n" >>"$staging/postgresql.conf"
    mv "$staging" "$TC_PG_DATA"
}

# Rewritten before every start so that port and paths follow the environment and checkout.
tc_pg_write_config() {
    local conf="$TC_PG_DATA/tilecluster.conf"
    cat >"$conf" <<EOF
# Written by scripts/lib.sh before each start; edits are lost.
port = $TC_PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$(tc_pg_socket_setting)'
synchronous_commit = off
maintenance_work_mem = '256MB'
EOF
    tc_give_to_pg_owner "$conf"
}

tc_pg_is_running() { tc_pg_ctl status >/dev/null 2>&1; }

# Port from postmaster.pid (4th line) of the running cluster.
tc_pg_running_port() { sed -n 4p "$TC_PG_DATA/postmaster.pid" 2>/dev/null; }

tc_pg_start() {
    mkdir -p "$TC_PG_SOCKET_DIR"
    touch "$TC_PG_LOG"
    tc_give_to_pg_owner "$TC_PG_SOCKET_DIR" "$TC_PG_LOG"
    tc_pg_write_config
    tc_log "starting PostgreSQL on 127.0.0.1:$TC_PG_PORT (log: $TC_PG_LOG)"
    if ! tc_pg_ctl -l "$TC_PG_LOG" -w -t 60 start >/dev/null; then
        tail -n 20 "$TC_PG_LOG" >&2
        tc_die "PostgreSQL did not start (is port $TC_PG_PORT taken? set TILECLUSTER_PG_PORT)"
    fi
    TC_PG_STARTED_HERE=1
}

# Creates the cluster if needed and starts it if it is not running.
tc_pg_ensure_running() {
    mkdir -p "$TC_STATE_DIR"
    tc_pg_make_path_traversable
    tc_pg_init
    if tc_pg_is_running; then
        local port
        port="$(tc_pg_running_port)"
        [[ "$port" == "$TC_PG_PORT" ]] ||
            tc_die "the cluster in $TC_PG_DATA already runs on port $port, not $TC_PG_PORT; stop it: scripts/setup.sh --stop-pg"
        tc_log "PostgreSQL already running on 127.0.0.1:$TC_PG_PORT"
        return 0
    fi
    tc_pg_start
}

tc_pg_stop() {
    tc_pg_is_running || return 0
    tc_log "stopping PostgreSQL"
    tc_pg_ctl -m fast -w stop >/dev/null || tc_warn "pg_ctl stop failed (log: $TC_PG_LOG)"
}

# Stops PostgreSQL only if this process started it. For EXIT traps.
tc_pg_stop_if_started_here() {
    if ((TC_PG_STARTED_HERE == 1)); then
        tc_pg_stop
        TC_PG_STARTED_HERE=0
    fi
}

# psql as the superuser over TCP: tc_psql DB SQL (prints unaligned tuples only).
tc_psql() {
    local db="$1" sql="$2"
    PGCONNECT_TIMEOUT=10 "$TC_PG_BIN/psql" -h 127.0.0.1 -p "$TC_PG_PORT" -U "$TC_PG_SUPERUSER" \
        -d "$db" -X -q -A -t -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "$sql"
}

tc_connection_string() {
    printf 'Host=127.0.0.1;Port=%s;Username=%s;Database=%s' "$TC_PG_PORT" "$TC_PG_SUPERUSER" "$1"
}

# ---------------------------------------------------------------------------- Redis

# The pid of the project-local Redis if it runs (from its pidfile), else fails. The process name
# is checked too: after a crash the pidfile stays and its pid may belong to something else.
tc_redis_pid() {
    local pid
    pid="$(cat "$TC_REDIS_PIDFILE" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    # /proc, not ps: minimal Debian images have no procps.
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server ]] || return 1
    printf '%s' "$pid"
}

tc_redis_is_running() { tc_redis_pid >/dev/null; }

# Port of the running Redis: the one in the configuration it was started with.
tc_redis_running_port() { sed -n 's/^port \([0-9]*\)$/\1/p' "$TC_REDIS_CONF" 2>/dev/null; }

tc_redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$TC_REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

# Rewritten before every start so that port and paths follow the environment and checkout.
tc_redis_write_config() {
    cat >"$TC_REDIS_CONF" <<EOF
# Written by scripts/lib.sh before each start; edits are lost.
# Loopback only and no clients but this checkout's processes, so no password; protected mode
# (which only guards instances reachable from elsewhere) would add nothing.
bind 127.0.0.1
port $TC_REDIS_PORT
protected-mode no
daemonize yes
pidfile $TC_REDIS_PIDFILE
logfile $TC_REDIS_LOG
dir $TC_REDIS_DIR
# Nothing to keep across restarts: it holds the cluster membership, which silos write again as
# they join, and stale rows of an earlier run would only make joining silos probe dead addresses.
save ""
appendonly no
EOF
}

tc_redis_start() {
    tc_port_is_taken "$TC_REDIS_PORT" &&
        tc_die "port $TC_REDIS_PORT is already in use by something else (set TILECLUSTER_REDIS_PORT)"
    mkdir -p "$TC_REDIS_DIR"
    tc_redis_write_config
    tc_log "starting Redis on $TC_REDIS (log: $TC_REDIS_LOG)"
    # Errors from before it daemonizes go to the log too. Nothing of ours stays open in the
    # daemon, so that a caller's output pipe (CI) is not held open by it.
    if ! redis-server "$TC_REDIS_CONF" </dev/null >>"$TC_REDIS_LOG" 2>&1; then
        tail -n 20 "$TC_REDIS_LOG" >&2
        tc_die "redis-server did not start (log: $TC_REDIS_LOG)"
    fi
    # Set before it answers, so that an EXIT trap stops one that never comes up.
    TC_REDIS_STARTED_HERE=1
    local deadline=$((SECONDS + 30))
    until tc_redis_ping; do
        if ((SECONDS >= deadline)); then
            tail -n 20 "$TC_REDIS_LOG" >&2
            tc_die "Redis did not answer PING on $TC_REDIS within 30 s (log: $TC_REDIS_LOG)"
        fi
        sleep 0.2
    done
}

# Starts the project-local Redis if it is not running.
tc_redis_ensure_running() {
    mkdir -p "$TC_STATE_DIR"
    command -v redis-server >/dev/null || tc_die "redis-server is not installed (apt-get install redis-server)"
    if tc_redis_is_running; then
        local port
        port="$(tc_redis_running_port)"
        [[ "$port" == "$TC_REDIS_PORT" ]] ||
            tc_die "the Redis in $TC_REDIS_DIR already runs on port $port, not $TC_REDIS_PORT; stop it: scripts/setup.sh --stop-redis"
        tc_log "Redis already running on $TC_REDIS"
        return 0
    fi
    tc_redis_start
}

tc_redis_stop() {
    local pid waited=0
    pid="$(tc_redis_pid)" || return 0
    tc_log "stopping Redis"
    # SIGTERM is Redis's clean shutdown; with nothing to save it exits at once.
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null && ((waited < 50)); do
        sleep 0.2
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        tc_warn "Redis (pid $pid) did not stop within 10 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$TC_REDIS_PIDFILE"
}

# Stops Redis only if this process started it. For EXIT traps.
tc_redis_stop_if_started_here() {
    if ((TC_REDIS_STARTED_HERE == 1)); then
        tc_redis_stop
        TC_REDIS_STARTED_HERE=0
    fi
}

# ---------------------------------------------------------------------------- OSM import

tc_check_db_name() {
    [[ "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || tc_die "bad database name '$1' (use [a-z0-9_])"
}

tc_db_ensure_exists() {
    local db="$1"
    if [[ -z "$(tc_psql postgres "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]]; then
        tc_log "creating database $db"
        tc_psql postgres "CREATE DATABASE $db" >/dev/null
    fi
}

# True when the marker row for this file exists (written only after a successful import).
tc_db_has_import() {
    local db="$1" file="$2"
    [[ "$(tc_psql "$db" "SELECT count(*) FROM pg_tables WHERE tablename = 'tilecluster_import'")" == 1 ]] &&
        [[ -n "$(tc_psql "$db" "SELECT 1 FROM tilecluster_import WHERE file = '$file'")" ]]
}

# Imports the bundled sample extract into DB once; an interrupted import is redone.
tc_import_sample() {
    local db="$1"
    local file
    file="$(basename "$TC_SAMPLE_PBF")"
    tc_check_db_name "$db"
    tc_db_ensure_exists "$db"
    if tc_db_has_import "$db" "$file"; then
        tc_log "database $db already holds $file"
        return 0
    fi
    tc_log "importing $file into $db (log: .tilecluster/import-$db.log)"
    tc_psql "$db" "CREATE EXTENSION IF NOT EXISTS postgis; DROP TABLE IF EXISTS tilecluster_import" >/dev/null
    tc_run_logged "$TC_STATE_DIR/import-$db.log" osm2pgsql --slim --create -S "$TC_OSM_STYLE" \
        --number-processes 2 -C 512 \
        -H 127.0.0.1 -P "$TC_PG_PORT" -U "$TC_PG_SUPERUSER" -d "$db" "$TC_SAMPLE_PBF"
    tc_psql "$db" "CREATE TABLE tilecluster_import (file text PRIMARY KEY, imported_at timestamptz NOT NULL DEFAULT now());
                   INSERT INTO tilecluster_import (file) VALUES ('$file')" >/dev/null
}

# True when DB is a finished template: the flags tc_ensure_template_db sets after its import.
tc_db_is_template() {
    [[ "$(tc_psql postgres "SELECT datistemplate AND NOT datallowconn FROM pg_database WHERE datname = '$1'")" == t ]]
}

# The sample imported into DB exactly like tc_import_sample, then marked as a template that
# nobody may connect to (CREATE DATABASE ... TEMPLATE fails while anyone is connected to the
# source). Tests copy it into scratch databases that they may change and then drop. Once
# marked it is left alone: to redo it, ALTER DATABASE DB IS_TEMPLATE false and drop it.
tc_ensure_template_db() {
    local db="$1"
    tc_check_db_name "$db"
    if tc_db_is_template "$db"; then
        tc_log "template database $db is ready"
        return 0
    fi
    tc_import_sample "$db"
    tc_psql postgres "ALTER DATABASE $db IS_TEMPLATE true; ALTER DATABASE $db ALLOW_CONNECTIONS false" >/dev/null
    tc_log "marked $db as a template (copy it: CREATE DATABASE x TEMPLATE $db)"
}

# ---------------------------------------------------------------------------- all of it

# Everything run.sh and test.sh need before they start: packages, assets, build, PostgreSQL
# with the sample imported into DB, Redis. Sets TC_CONNECTION_STRING for DB. With
# TILECLUSTER_FOR_TESTS=1 also the template database for scratch copies, named in
# TILECLUSTER_TEMPLATE_DB (exported).
tc_setup_all() {
    local db="$1"
    mkdir -p "$TC_STATE_DIR"
    local packages=("${TC_APT_PACKAGES[@]}")
    [[ "${TILECLUSTER_FOR_TESTS:-0}" == 1 ]] && packages+=("${TC_APT_TEST_PACKAGES[@]}")
    tc_ensure_apt_packages "${packages[@]}"
    tc_ensure_npm_packages
    tc_copy_client_libs
    tc_dotnet_build
    tc_pg_ensure_running
    tc_redis_ensure_running
    tc_import_sample "$db"
    if [[ "${TILECLUSTER_FOR_TESTS:-0}" == 1 ]]; then
        [[ "$TC_TEMPLATE_DB" != "$db" ]] || tc_die "the template database must not be $db itself"
        tc_ensure_template_db "$TC_TEMPLATE_DB"
        export TILECLUSTER_TEMPLATE_DB="$TC_TEMPLATE_DB"
        tc_ensure_npm_dir "$TC_S3RVER_DIR"
    fi
    TC_CONNECTION_STRING="$(tc_connection_string "$db")"
    export TC_CONNECTION_STRING
}
