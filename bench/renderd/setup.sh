#!/usr/bin/env bash
# Sets up the reference stack for bench/vs-renderd.sh, for benchmarks only (never part of
# ./run.sh or the product): Debian's renderd 0.6.1, Mapnik 3.1, openstreetmap-carto 5.7.0, Apache
# with mod_tile. Idempotent; a second run only checks and rewrites the configuration.
#
#   1. apt: the packages of RD_APT_PACKAGES (bench/renderd/lib.sh), with openstreetmap-carto told
#      not to download its external shapefiles and no service started by the packages (a
#      policy-rc.d for the duration: Apache would take :80, Debian's renderd its own socket);
#   2. the project's PostgreSQL (127.0.0.1:54329, scripts/lib.sh; started if it is not running):
#      database carto_gis (RENDERD_BENCH_DB) with postgis and hstore, data/sample/*.osm.pbf
#      imported once by osm2pgsql --slim with carto's style and Lua tag transform, then carto's
#      indexes.sql and functions.sql, VACUUM ANALYZE; a marker table records the import;
#   3. the Mapnik XML: Debian's prebuilt style.xml edited by bench/renderd/style.py (see there),
#      next to links to carto's symbols/ and a flat folder of links to every system font;
#   4. renderd.conf (2 threads; 8x8 metatiles of 256 px, renderd's fixed size) and an Apache
#      configuration of its own (127.0.0.1:RENDERD_BENCH_HTTP_PORT, default 8096), all under
#      .tilecluster/renderd/.
# Start and stop the stack with rd_start / rd_stop from bench/renderd/lib.sh (vs-renderd.sh does).
set -euo pipefail
# shellcheck source=../../scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

tc_is_root || tc_die "run as root: it installs packages and runs Apache with workers as www-data"
tc_check_db_name "$RD_DB"
mkdir -p "$RD_DIR"

install_packages() {
    local pkg missing=()
    for pkg in "${RD_APT_PACKAGES[@]}" osm2pgsql postgresql-15-postgis-3 curl; do
        tc_apt_is_installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    tc_log "installing (benchmark only): ${missing[*]}"
    debconf-set-selections <<'EOF'
openstreetmap-carto-common openstreetmap-carto/fetch-data boolean false
openstreetmap-carto openstreetmap-carto/database-name string gis
EOF
    local policy=/usr/sbin/policy-rc.d
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\n# bench/renderd/setup.sh: no service starts while it installs\nexit 101\n' >"$policy"
        chmod +x "$policy"
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    tc_run_logged "$RD_DIR/apt-update.log" apt-get update
    tc_run_logged "$RD_DIR/apt-install.log" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

# The project's PostgreSQL: whichever checkout's cluster listens on the port, else this one's.
ensure_postgres() {
    if "$TC_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$TC_PG_PORT"; then
        tc_log "PostgreSQL answers on 127.0.0.1:$TC_PG_PORT"
    else
        tc_pg_ensure_running
    fi
}

import_carto() {
    local pbf
    pbf="$(ls "$TC_REPO_ROOT"/data/sample/*.osm.pbf)"
    [[ "$(wc -l <<<"$pbf")" == 1 ]] || tc_die "expected one .osm.pbf in data/sample, found: $pbf"
    local file
    file="$(basename "$pbf")"
    if [[ -n "$(rd_psql postgres "SELECT 1 FROM pg_database WHERE datname = '$RD_DB'")" ]] &&
        [[ "$(rd_psql "$RD_DB" "SELECT count(*) FROM pg_tables WHERE tablename = 'renderd_bench_import'")" == 1 ]] &&
        [[ -n "$(rd_psql "$RD_DB" "SELECT 1 FROM renderd_bench_import WHERE file = '$file'")" ]]; then
        tc_log "database $RD_DB already holds $file (carto's import)"
        return 0
    fi
    tc_log "importing $file into $RD_DB with openstreetmap-carto's style and Lua transform (log: $RD_DIR/import.log)"
    rd_psql postgres "DROP DATABASE IF EXISTS $RD_DB WITH (FORCE)" >/dev/null
    rd_psql postgres "CREATE DATABASE $RD_DB" >/dev/null
    rd_psql "$RD_DB" "CREATE EXTENSION postgis; CREATE EXTENSION hstore" >/dev/null
    tc_run_logged "$RD_DIR/import.log" osm2pgsql --create --slim -G --hstore \
        --style "$RD_CARTO/openstreetmap-carto.style" \
        --tag-transform-script "$RD_CARTO/openstreetmap-carto.lua" \
        --number-processes 2 -C 512 -H 127.0.0.1 -P "$TC_PG_PORT" -U "$TC_PG_SUPERUSER" -d "$RD_DB" "$pbf"
    local sql
    for sql in indexes.sql functions.sql; do
        if [[ -f "$RD_CARTO/$sql" ]]; then
            tc_run_logged "$RD_DIR/import-$sql.log" "$TC_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
                -p "$TC_PG_PORT" -U "$TC_PG_SUPERUSER" -d "$RD_DB" -f "$RD_CARTO/$sql"
        fi
    done
    rd_psql "$RD_DB" "VACUUM (ANALYZE)" >/dev/null
    rd_psql "$RD_DB" "CREATE TABLE renderd_bench_import (file text PRIMARY KEY, imported_at timestamptz NOT NULL DEFAULT now());
                      INSERT INTO renderd_bench_import (file) VALUES ('$file')" >/dev/null
    local table
    for table in point line polygon roads; do
        printf 'planet_osm_%s\t%s\n' "$table" "$(rd_psql "$RD_DB" "SELECT count(*) FROM planet_osm_$table")"
    done | tee "$RD_DIR/table-counts.txt" >&2
}

build_style() {
    [[ -f "$RD_CARTO/style.xml" ]] || tc_die "$RD_CARTO/style.xml is missing (openstreetmap-carto-common)"
    mkdir -p "$RD_STYLE_DIR"
    ln -sfn "$RD_CARTO/symbols" "$RD_STYLE_DIR/symbols"
    if [[ -d "$RD_CARTO/patterns" ]]; then
        ln -sfn "$RD_CARTO/patterns" "$RD_STYLE_DIR/patterns"
    fi
    # Mapnik's font-directory is not searched recursively: one flat folder of links.
    local fonts="$RD_STYLE_DIR/fonts"
    rm -rf "$fonts.new"
    mkdir -p "$fonts.new"
    find /usr/share/fonts -type f \( -iname '*.ttf' -o -iname '*.otf' -o -iname '*.ttc' \) -exec ln -sf -t "$fonts.new" {} +
    rm -rf "$fonts"
    mv "$fonts.new" "$fonts"
    /usr/bin/python3 "$HERE/style.py" "$RD_CARTO/style.xml" "$RD_XML" --dbname "$RD_DB" --host 127.0.0.1 \
        --port "$TC_PG_PORT" --user "$TC_PG_SUPERUSER" --font-dir "$fonts" | tee "$RD_DIR/style-changes.txt" >&2
}

write_renderd_conf() {
    cat >"$RD_CONF" <<EOF
; Written by bench/renderd/setup.sh; edits are lost. Benchmarks only.
[renderd]
num_threads=2
tile_dir=$RD_TILES
socketname=$RD_SOCKET
stats_file=$RD_DIR/renderd.stats

[mapnik]
plugins_dir=/usr/lib/mapnik/3.1/input
font_dir=/usr/share/fonts
font_dir_recurse=true

; renderd 0.6.1 renders 8x8 metatiles of TILESIZE px (METATILE is a compile-time constant) with
; a buffer of TILESIZE/2, as the style sets none.
[$RD_STYLE]
URI=$RD_URI
TILEDIR=$RD_TILES
XML=$RD_XML
HOST=localhost
TILESIZE=256
MAXZOOM=20
EOF
    mkdir -p "$RD_TILES/$RD_STYLE"
    # mod_tile and renderd take tiles older than this file for stale.
    [[ -e "$RD_TILES/planet-import-complete" ]] || touch -d '2020-01-01' "$RD_TILES/planet-import-complete"
}

# An Apache instance of its own: its own ServerRoot, port, pid file and logs; only the modules
# it needs. mod_tile's values are its example configuration's, except the load limits: 2 and 5
# would make it refuse renders on these shared 2 cores (load averages of 10-60 are common here),
# and a refused render is a 404, not a timing.
write_apache_conf() {
    mkdir -p "$RD_APACHE_DIR"
    cat >"$RD_APACHE_CONF" <<EOF
# Written by bench/renderd/setup.sh; edits are lost. Benchmarks only.
ServerRoot $RD_APACHE_DIR
DefaultRuntimeDir $RD_APACHE_DIR
PidFile $RD_APACHE_DIR/apache2.pid
Mutex file:$RD_APACHE_DIR default
ServerName localhost
Listen 127.0.0.1:$RD_HTTP_PORT
User www-data
Group www-data
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule tile_module /usr/lib/apache2/modules/mod_tile.so
ErrorLog $RD_APACHE_DIR/error.log
LogLevel warn
DocumentRoot $RD_APACHE_DIR/htdocs
<VirtualHost 127.0.0.1:$RD_HTTP_PORT>
    ServerName localhost
    DocumentRoot $RD_APACHE_DIR/htdocs
    LoadTileConfigFile $RD_CONF
    ModTileTileDir $RD_TILES
    ModTileRenderdSocketName $RD_SOCKET
    ModTileEnableStats On
    ModTileBulkMode Off
    ModTileRequestTimeout 3
    ModTileMissingRequestTimeout 30
    ModTileMaxLoadOld 1000
    ModTileMaxLoadMissing 1000
    ModTileCacheDurationMax 604800
    ModTileCacheDurationDirty 900
    ModTileCacheDurationMinimum 10800
    ModTileCacheDurationMediumZoom 13 86400
    ModTileCacheDurationLowZoom 9 518400
    ModTileCacheLastModifiedFactor 0.20
    ModTileEnableTileThrottling Off
</VirtualHost>
EOF
    mkdir -p "$RD_APACHE_DIR/htdocs"
    apache2 -d "$RD_APACHE_DIR" -f "$RD_APACHE_CONF" -t >/dev/null 2>&1 ||
        apache2 -d "$RD_APACHE_DIR" -f "$RD_APACHE_CONF" -t || tc_die "the Apache configuration does not pass apache2 -t"
}

rm -f "$RD_READY"
install_packages
ensure_postgres
import_carto
build_style
write_renderd_conf
write_apache_conf
dpkg-query -W -f='${Package}\t${Version}\n' renderd libapache2-mod-tile libmapnik3.1 mapnik-utils \
    openstreetmap-carto openstreetmap-carto-common apache2-bin osm2pgsql 2>/dev/null >"$RD_DIR/versions.txt"
touch "$RD_READY"
tc_log "renderd bench stack ready under $RD_DIR (versions: $RD_DIR/versions.txt)"
