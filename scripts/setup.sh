#!/usr/bin/env bash
# Prepares this checkout: apt packages, Leaflet assets, Release build, a project-local
# PostgreSQL 15 (.tilecluster/pg, 127.0.0.1:$TILECLUSTER_PG_PORT) with the sample extract
# imported, a project-local Redis (.tilecluster/redis, 127.0.0.1:$TILECLUSTER_REDIS_PORT).
# Idempotent; a second run only checks. Leaves PostgreSQL and Redis running.
# The last line on stdout is the connection string; progress goes to stderr.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<'USAGE'
usage: scripts/setup.sh [--for-tests] [--db NAME] [--stop-pg] [--stop-redis]
  --for-tests  also install the test tools (chromium); database defaults to tilecluster_test;
               also imports the template for tests' scratch copies (tilecluster_template)
  --db NAME    database to import the sample into (default tilecluster, env TILECLUSTER_DB)
  --stop-pg    only stop the project-local PostgreSQL, then exit
  --stop-redis only stop the project-local Redis, then exit
environment: TILECLUSTER_PG_PORT (default 54329), TILECLUSTER_REDIS_PORT (default 63790),
             TILECLUSTER_FOR_TESTS=1 (= --for-tests),
             TILECLUSTER_TEMPLATE_DB (template name, default tilecluster_template)
USAGE
}

main() {
    local db="${TILECLUSTER_DB:-}"
    while (($# > 0)); do
        case "$1" in
            --for-tests) export TILECLUSTER_FOR_TESTS=1 ;;
            --db)
                (($# >= 2)) || tc_die "--db needs a name"
                db="$2"
                shift
                ;;
            --stop-pg)
                tc_pg_stop
                return 0
                ;;
            --stop-redis)
                tc_redis_stop
                return 0
                ;;
            -h | --help)
                usage
                return 0
                ;;
            *)
                usage >&2
                tc_die "unknown argument: $1"
                ;;
        esac
        shift
    done
    if [[ -z "$db" ]]; then
        db=tilecluster
        [[ "${TILECLUSTER_FOR_TESTS:-0}" == 1 ]] && db=tilecluster_test
    fi

    tc_setup_all "$db"
    tc_log "ready; PostgreSQL and Redis keep running (stop them: scripts/setup.sh --stop-pg, --stop-redis)"
    printf '%s\n' "$TC_CONNECTION_STRING"
}

main "$@"
