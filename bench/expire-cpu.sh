#!/usr/bin/env bash
# Expiry cost on a warm cluster: posts the synthetic 1M-line z10-18 list POSTS times (default 4)
# to one 2-silo cluster over the stored 828-metatile tree and prints, per post, the wall time and
# the CPU seconds the gateway and the silos spent on it (from /proc; comparable under load, unlike
# wall times). Hot re-renders are off (Freshness:HotMaxZoom=-1) so only the marking is measured.
# The first post pays for the JIT's tier-up of just-started processes, as every post of
# bench/expire-ingest.sh (a fresh cluster per post) does.
BENCH_SILOS=2
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
POSTS="${POSTS:-4}"
TOKEN="bench-expire-$$"
BENCH_GATEWAY_ENV+=("TILECLUSTER_Admin__Token=$TOKEN")
export TILECLUSTER_Freshness__HotMaxZoom=-1
bench_setup
trap bench_stop_cluster EXIT
full="$BENCH_DIR/expire-1m.txt"
bench_expire_list "$full"
tree="$(bench_expire_tree 10 18)"
store="$BENCH_DIR/store-expire-cpu"
cpu_ticks() { local t=0 p; for p in $(pgrep -f "$TC_REPO_ROOT/src/$1/bin"); do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
bench_copy_tree "$tree" "$store"
bench_start_cluster "$store"
printf 'post\twall s\tgateway CPU s\tsilos CPU s\tload\n'
for post in $(seq 1 "$POSTS"); do
    gateway_before=$(cpu_ticks Gateway) silos_before=$(cpu_ticks Silo)
    read -r code wall < <(bench_post_expire "$full" "$BENCH_DIR/expire-cpu-$post.json")
    [[ "$code" == 200 ]] || tc_die "expire answered $code: $(head -c 2000 "$BENCH_DIR/expire-cpu-$post.json")"
    ticks=$(getconf CLK_TCK)
    awk -v p="$post" -v w="$wall" -v g="$(( $(cpu_ticks Gateway) - gateway_before ))" -v s="$(( $(cpu_ticks Silo) - silos_before ))" \
        -v t="$ticks" -v l="$(bench_load)" 'BEGIN { printf "%d\t%.2f\t%.2f\t%.2f\t%s\n", p, w, g / t, s / t, l }'
done
