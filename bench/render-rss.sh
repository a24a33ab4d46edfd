#!/usr/bin/env bash
# Memory under continuous rendering: one silo (BENCH_SILOS=1) renders for RSS_MINUTES (20)
# minutes, round after round: every metatile of RSS_BBOX (default the Liechtenstein bbox
# 9.47,47.04,9.64,47.28) at z RSS_ZMIN-RSS_ZMAX (14-17), 4 requests in flight, then the store is
# wiped and the next round renders them all again. The gateway's hot cache is off, so every
# request reaches the silo. The silo's resident set (VmRSS) is sampled every RSS_INTERVAL (30)
# seconds and printed with the rounds done and the load average.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
read -r -a BBOX <<<"${RSS_BBOX:-9.47 47.04 9.64 47.28}"
ZMIN="${RSS_ZMIN:-14}"
ZMAX="${RSS_ZMAX:-17}"
MINUTES="${RSS_MINUTES:-20}"
INTERVAL="${RSS_INTERVAL:-30}"
BENCH_SILOS=1
BENCH_GATEWAY_ENV=(TILECLUSTER_Cache__Chains__default__0__Kind=none)
bench_setup
OUT="$BENCH_DIR/render-rss"
rm -rf "$OUT"
mkdir -p "$OUT"
store="$OUT/store"
sampler=""
stop_all() {
    [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null
    bench_stop_cluster
}
trap stop_all EXIT

for ((z = ZMIN; z <= ZMAX; z++)); do
    bench_metatiles "$z" "${BBOX[@]}"
done >"$OUT/metatiles.txt"
bench_start_cluster "$store"
silo="${BENCH_PIDS[0]}"
printf '1 silo, %d metatiles per round (z%d-%d of %s), %d minutes, RSS every %d s\n' \
    "$(wc -l <"$OUT/metatiles.txt")" "$ZMIN" "$ZMAX" "${BBOX[*]}" "$MINUTES" "$INTERVAL"

rounds="$OUT/rounds"
echo 0 >"$rounds"
samples="$OUT/rss.tsv"
printf 'elapsed_s\trss_mb\trounds_done\tload_1_5_15\n' | tee "$samples"
(
    start=$SECONDS
    while [[ -d "/proc/$silo" ]]; do
        printf '%d\t%s\t%s\t%s\n' "$((SECONDS - start))" \
            "$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$silo/status")" "$(cat "$rounds")" "$(bench_load)" | tee -a "$samples"
        sleep "$INTERVAL"
    done
) &
sampler=$!

deadline=$((SECONDS + MINUTES * 60))
round=0
while ((SECONDS < deadline)); do
    rm -rf "${store:?}/osm"
    bench_fetch_all 4 <"$OUT/metatiles.txt"
    round=$((round + 1))
    echo "$round" >"$rounds"
done
sleep 1
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=""
printf 'final\t%s\t%s\t%s\n' "$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$silo/status")" "$round" "$(bench_load)" | tee -a "$samples"
awk -F'\t' 'NR > 1 && $1 != "final" { v[++n] = $2 } END {
    first = v[1]; min = v[1]; max = v[1]
    for (i = 1; i <= n; i++) { if (v[i] < min) min = v[i]; if (v[i] > max) max = v[i] }
    # the second half against the first: flat means no growth beyond the noise
    h = int(n / 2); a = 0; b = 0
    for (i = 2; i <= h; i++) a += v[i]; for (i = h + 1; i <= n; i++) b += v[i]
    printf "RSS MB: first %d, min %d, max %d; mean of samples 2..%d %.0f, of samples %d..%d %.0f\n", first, min, max, h, a / (h - 1), h + 1, n, b / (n - h)
}' "$samples"
