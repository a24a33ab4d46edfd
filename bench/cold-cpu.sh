#!/usr/bin/env bash
# Where the CPU of a cold render goes, per process: one cluster (1 silo with 2 render threads, a
# gateway), the bbox 9.47,47.04,9.64,47.28 at z12-16 (84 metatiles) rendered in a first pass right
# after the cluster started, then WARM_PASSES (2) more after deleting the box's metatiles through
# `tilecluster clean --delete`. RUNS (2) such clusters. Per pass it prints the wall time and the CPU
# used meanwhile by the silo, the gateway, PostgreSQL (every postgres process, its children
# included) and everything else (the client, Redis, the kernel), from /proc; CPU totals come from
# /proc/stat (user, nice, system, irq, softirq). Everything runs on the same cores, so CPU the
# client or a fresh process's JIT takes is CPU the renders do not get.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BBOX=(9.47 47.04 9.64 47.28)
RUNS="${RUNS:-2}"
WARM_PASSES="${WARM_PASSES:-2}"
TOKEN="bench-admin-$$"
BENCH_GATEWAY_ENV+=("TILECLUSTER_Admin__Token=$TOKEN")
STORE="$BENCH_DIR/cold-cpu-store"
bench_setup
trap bench_stop_cluster EXIT

ticks_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
postgres_ms() {
    local pid
    for pid in $(pgrep -x postgres); do
        awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || true
    done | awk -v hz="$(getconf CLK_TCK)" '{ t += $1 } END { print t * 1000 / hz }'
}
all_ms() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { print ($2 + $3 + $4 + $7 + $8) * 1000 / hz }' /proc/stat; }

# pass LABEL: renders the box once and prints the split.
pass() {
    local label="$1" z s0 g0 p0 a0 t0
    s0=$(ticks_ms "${BENCH_PIDS[0]}") g0=$(ticks_ms "${BENCH_PIDS[1]}") p0=$(postgres_ms) a0=$(all_ms) t0=$(bench_now)
    for z in 12 13 14 15 16; do
        bench_metatiles "$z" "${BBOX[@]}" | bench_fetch_all 4
    done
    awk -v label="$label" -v wall="$(bench_seconds_since "$t0")" \
        -v s="$(($(ticks_ms "${BENCH_PIDS[0]}") - s0))" -v g="$(($(ticks_ms "${BENCH_PIDS[1]}") - g0))" \
        -v p="$(postgres_ms)" -v p0="$p0" -v a="$(all_ms)" -v a0="$a0" -v load="$(bench_load1)" 'BEGIN {
        pg = p - p0; all = a - a0
        printf "%s\t%.2f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%s\n", label, wall, s, g, pg, all - s - g - pg, all, load
    }'
}

printf 'pass\twall s\tsilo ms\tgateway ms\tpostgres ms\tother ms\ttotal ms\tload\n'
for run in $(seq 1 "$RUNS"); do
    rm -rf "$STORE"
    bench_start_cluster "$STORE"
    curl -s -o /dev/null "$BENCH_URL/osm/0/0/0.png" # JIT and font cache warm-up, not measured
    pass "run $run, first"
    for warm in $(seq 1 "$WARM_PASSES"); do
        bench_clean_delete "$BENCH_DIR/cold-cpu-clean.log" 12-16 "${BBOX[@]}"
        pass "run $run, again $warm"
    done
    bench_stop_cluster
done
