#!/usr/bin/env bash
# Lays out a local replication directory like https://planet.osm.org/replication/minute from the
# bundled diffs, for tests and the bench:
#   DIR/000/466/354.osc.gz + 354.state.txt   the real planet diff (data/sample/000466354.osc.gz)
#   DIR/000/466/355.osc.gz + 355.state.txt   the Vaduz fixture (data/sample/replication-fixture/)
#   DIR/state.txt                            a copy of LAST_SEQUENCE's state file
# Only sequences up to LAST_SEQUENCE are published (later ones are removed), so running it again
# with a higher LAST_SEQUENCE publishes the next diff the way a replication server does: diff
# files first, state.txt last (atomically, by rename). Prints DIR's absolute path.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TC_REPLICATION_FIRST=466354
TC_REPLICATION_LAST=466355

usage() {
    cat <<USAGE
usage: scripts/replication-fixture.sh DIR [LAST_SEQUENCE]
  DIR            created if missing
  LAST_SEQUENCE  $TC_REPLICATION_FIRST or $TC_REPLICATION_LAST (default $TC_REPLICATION_LAST): the sequence state.txt names
USAGE
}

# 466354 -> 000/466/354
sequence_path() { printf '%09d' "$1" | sed -E 's|^(...)(...)(...)$|\1/\2/\3|'; }

# The bundled file for a sequence: the fixture folder first, then data/sample itself.
sample_file() {
    local name
    name="$(printf '%09d' "$1")$2"
    local f
    for f in "$TC_REPO_ROOT/data/sample/replication-fixture/$name" "$TC_REPO_ROOT/data/sample/$name"; do
        if [[ -f "$f" ]]; then
            printf '%s' "$f"
            return 0
        fi
    done
    tc_die "no $name in data/sample or data/sample/replication-fixture"
}

main() {
    case "${1:-}" in
        -h | --help)
            usage
            return 0
            ;;
        "")
            usage >&2
            return 2
            ;;
    esac
    (($# <= 2)) || {
        usage >&2
        return 2
    }
    local dir="$1" last="${2:-$TC_REPLICATION_LAST}"
    if ! [[ "$last" =~ ^[0-9]+$ ]] || ((last < TC_REPLICATION_FIRST || last > TC_REPLICATION_LAST)); then
        tc_die "LAST_SEQUENCE must be $TC_REPLICATION_FIRST..$TC_REPLICATION_LAST, got '$last'"
    fi

    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd -P)"
    local seq rel
    for ((seq = TC_REPLICATION_FIRST; seq <= TC_REPLICATION_LAST; seq++)); do
        rel="$(sequence_path "$seq")"
        if ((seq <= last)); then
            mkdir -p "$dir/$(dirname "$rel")"
            cp "$(sample_file "$seq" .osc.gz)" "$dir/$rel.osc.gz"
            cp "$(sample_file "$seq" .state.txt)" "$dir/$rel.state.txt"
        else
            rm -f "$dir/$rel.osc.gz" "$dir/$rel.state.txt"
        fi
    done
    cp "$(sample_file "$last" .state.txt)" "$dir/state.txt.tmp"
    mv -f "$dir/state.txt.tmp" "$dir/state.txt"
    tc_log "replication directory $dir: sequences $TC_REPLICATION_FIRST..$last"
    printf '%s\n' "$dir"
}

main "$@"
