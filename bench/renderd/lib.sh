# shellcheck shell=bash
# The reference stack for side-by-side benchmarks: Debian's renderd 0.6.1 + Mapnik 3.1 +
# openstreetmap-carto 5.7.0 (+ Apache mod_tile for cold misses), installed and configured by
# bench/renderd/setup.sh under .tilecluster/renderd/. Benchmarks only: nothing of this is part of
# ./run.sh or the product. Source scripts/lib.sh first.
#
# Environment: RENDERD_BENCH_DB (database in the project's PostgreSQL, default carto_gis),
# RENDERD_BENCH_HTTP_PORT (Apache on 127.0.0.1, default 8096).

RD_DIR="$TC_STATE_DIR/renderd"
RD_CONF="$RD_DIR/renderd.conf"
RD_SOCKET="$RD_DIR/renderd.sock"
RD_PIDFILE="$RD_DIR/renderd.pid"
RD_LOG="$RD_DIR/renderd.log"
RD_TILES="$RD_DIR/tiles"
# The style name in renderd.conf: metatiles land in $RD_TILES/$RD_STYLE/z/h4/h3/h2/h1/h0.meta.
RD_STYLE=default
RD_URI=/carto/
RD_STYLE_DIR="$RD_DIR/style"
RD_XML="$RD_STYLE_DIR/mapnik.xml"
RD_DB="${RENDERD_BENCH_DB:-carto_gis}"
RD_HTTP_PORT="${RENDERD_BENCH_HTTP_PORT:-8096}"
RD_HTTP_URL="http://127.0.0.1:$RD_HTTP_PORT$RD_URI"
RD_APACHE_DIR="$RD_DIR/apache"
RD_APACHE_CONF="$RD_APACHE_DIR/apache2.conf"
RD_CARTO=/usr/share/openstreetmap-carto-common
# Written last by setup.sh: everything above exists and matches.
RD_READY="$RD_DIR/setup.complete"

# Packages, for benchmarks only: renderd and render_list, Mapnik's tools, the style (its
# package pulls the Mapnik input plugins), Apache + mod_tile for the cold miss, and the fonts the
# style names (fonts-noto-core, -cjk and dejavu come with the product's set-up already). Only
# apache2-bin: the bench runs an Apache of its own configuration, not the packaged service.
RD_APT_PACKAGES=(
    renderd mapnik-utils openstreetmap-carto openstreetmap-carto-common
    apache2-bin libapache2-mod-tile
    fonts-noto-core fonts-noto-cjk fonts-noto-ui-core fonts-noto-hinted fonts-noto-unhinted
    fonts-hanazono fonts-unifont fonts-dejavu-core
)

# rd_psql DB SQL: psql as the superuser over TCP to the project's PostgreSQL.
rd_psql() { tc_psql "$@"; }

rd_renderd_pid() {
    local pid
    pid="$(cat "$RD_PIDFILE" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ && "$(cat "/proc/$pid/comm" 2>/dev/null)" == renderd ]] || return 1
    printf '%s' "$pid"
}

rd_apache_pid() {
    local pid
    pid="$(cat "$RD_APACHE_DIR/apache2.pid" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ && "$(cat "/proc/$pid/comm" 2>/dev/null)" == apache2 ]] || return 1
    printf '%s' "$pid"
}

# rd_start: renderd (foreground process of ours, 2 threads, its own socket) and an Apache instance
# of its own (its own config, pid file and port: the system's apache2 is left alone), then one
# warm-up tile so that both render threads have loaded the style before anything is timed.
rd_start() {
    [[ -f "$RD_READY" ]] || tc_die "run bench/renderd/setup.sh first"
    rd_stop
    rm -f "$RD_SOCKET"
    tc_log "starting renderd ($RD_CONF, log $RD_LOG)"
    (exec renderd -f -c "$RD_CONF") </dev/null >>"$RD_LOG" 2>&1 &
    printf '%s\n' "$!" >"$RD_PIDFILE"
    local i
    for i in $(seq 1 150); do
        [[ -S "$RD_SOCKET" ]] && break
        rd_renderd_pid >/dev/null || break
        sleep 0.2
    done
    [[ -S "$RD_SOCKET" ]] || {
        tail -n 20 "$RD_LOG" >&2
        tc_die "renderd did not open $RD_SOCKET"
    }
    # Apache's workers (www-data) connect to it.
    chmod 0666 "$RD_SOCKET"
    tc_log "starting Apache + mod_tile on 127.0.0.1:$RD_HTTP_PORT"
    apache2 -d "$RD_APACHE_DIR" -f "$RD_APACHE_CONF" -k start || tc_die "apache2 did not start (log: $RD_APACHE_DIR/error.log)"
    for i in $(seq 1 100); do
        curl -s -o /dev/null "http://127.0.0.1:$RD_HTTP_PORT/" && break
        sleep 0.2
    done
    # Both threads load the XML at start (about 2 s each); a z10 and a z11 metatile wait for that.
    local code
    for i in $(seq 1 60); do
        code="$(curl -s -o /dev/null -w '%{http_code}' "${RD_HTTP_URL}11/1078/719.png" || true)"
        [[ "$code" == 200 ]] && break
        sleep 1
    done
    [[ "$code" == 200 ]] || tc_die "renderd + mod_tile did not serve a warm-up tile (HTTP $code; logs $RD_LOG, $RD_APACHE_DIR/error.log)"
    curl -s -o /dev/null "${RD_HTTP_URL}10/537/360.png"
}

# rd_stop: stops the Apache and renderd rd_start started, if running.
rd_stop() {
    local pid i
    if pid="$(rd_apache_pid)"; then
        apache2 -d "$RD_APACHE_DIR" -f "$RD_APACHE_CONF" -k stop 2>/dev/null || kill "$pid"
        for i in $(seq 1 50); do
            [[ -d "/proc/$pid" ]] || break
            sleep 0.2
        done
    fi
    if pid="$(rd_renderd_pid)"; then
        kill "$pid" 2>/dev/null || true
        for i in $(seq 1 50); do
            [[ -d "/proc/$pid" ]] || break
            sleep 0.2
        done
        [[ -d "/proc/$pid" ]] && kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$RD_PIDFILE" "$RD_SOCKET"
}

# rd_wipe_tiles [ZOOM]: removes renderd's metatiles (of one zoom), keeping planet-import-complete.
rd_wipe_tiles() {
    rm -rf "$RD_TILES/$RD_STYLE${1:+/$1}"
    mkdir -p "$RD_TILES/$RD_STYLE"
}
