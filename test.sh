#!/usr/bin/env bash
# Sets up like scripts/setup.sh --for-tests (chromium too, sample imported into
# tilecluster_test and into the template tilecluster_template that tests copy into scratch
# databases), runs the solution's tests and prints "N passed, N failed" last.
# Exits with dotnet test's status; stops Redis and PostgreSQL if it started them.
#
# Environment: TILECLUSTER_PG_PORT (default 54329), TILECLUSTER_REDIS_PORT (default 63790).
# Exports TILECLUSTER_TEST_CONNECTION, TILECLUSTER_TEMPLATE_DB and TILECLUSTER_TEST_REDIS (the
# StackExchange.Redis connection string of the project-local Redis, e.g. 127.0.0.1:63790).
# Extra arguments go to dotnet test (e.g. --filter FullyQualifiedName~Metatile).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

DATABASE=tilecluster_test
TEST_LOG="$TC_STATE_DIR/test-output.log"

# Sums the per-project VSTest summary lines
#   "Passed!  - Failed:     0, Passed:    12, Skipped:     1, Total:    13, Duration: ..."
# into "passed failed skipped".
sum_test_counts() {
    sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
        /^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:/ {
            line = $0
            sub(/^.*Failed:[[:space:]]*/, "", line)
            split(line, n, /,[[:space:]]*[A-Za-z]+:[[:space:]]*/)
            failed += n[1]; passed += n[2]; skipped += n[3]
        }
        END { printf "%d %d %d\n", passed, failed, skipped }'
}

# Runs dotnet test; sets TEST_STATUS and TEST_SUMMARY ("N passed, N failed").
run_tests() {
    local passed failed skipped
    TEST_STATUS=0
    tc_log "dotnet test cluster.sln -c Release --no-build"
    dotnet test "$TC_REPO_ROOT/cluster.sln" -c Release --no-build -nologo -tl:off \
        --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$TEST_LOG" || TEST_STATUS=${PIPESTATUS[0]}
    read -r passed failed skipped < <(sum_test_counts "$TEST_LOG")
    if ((TEST_STATUS != 0 && failed == 0)); then
        tc_warn "dotnet test exited with status $TEST_STATUS without a failed test (see $TEST_LOG)"
    fi
    ((skipped == 0)) || tc_log "$skipped skipped"
    TEST_SUMMARY="$passed passed, $failed failed"
}

stop_databases() {
    tc_redis_stop_if_started_here
    tc_pg_stop_if_started_here
}

main() {
    trap stop_databases EXIT
    export TILECLUSTER_FOR_TESTS=1
    tc_setup_all "$DATABASE"
    export TILECLUSTER_TEST_CONNECTION="$TC_CONNECTION_STRING"
    export TILECLUSTER_TEST_REDIS="$TC_REDIS"
    run_tests "$@"
    stop_databases
    # The summary is the last line printed.
    printf '%s\n' "$TEST_SUMMARY"
    exit "$TEST_STATUS"
}

main "$@"
