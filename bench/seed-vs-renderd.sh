#!/usr/bin/env bash
# Seeding, side by side in one run (issue 10's benchmark):
#
#  1. a seed job (POST /jobs, kind seed) over the bbox 9.47,47.04,9.64,47.28 at z12-17 on an empty
#     store, with 1 and then 2 silos (fresh cluster and store each time, one warm-up tile), timed
#     from the POST until status.json says "done"; then Debian's renderd filling the same
#     metatiles with `render_list -a -n 2` per zoom on an emptied tile folder (set up by
#     bench/renderd/setup.sh, as bench/vs-renderd.sh does). RUNS (3) alternating rounds.
#  2. one 4000 x 4000 PNG export (GET /osm/export, the largest the default Export:MaxPixels
#     allows) of a square around Vaduz from a 2-silo cluster: time to the first byte and in total,
#     EXPORT_RUNS (3) times, and the gateway's and silos' peak RSS; once per strip height in
#     EXPORT_STRIP_HEIGHTS (default "512": Export:StripHeightPx; 65535 renders the image as one
#     strip on one silo, for comparison), a fresh cluster each; in each format of EXPORT_FORMATS
#     (default "png"; "png jpeg" alternates the two within each run).
#
# EXPORT_ONLY=1 skips part 1 (and renderd).
#
# Waits for the 1-minute load average to fall below BENCH_MAX_LOAD (4) before each timed part (at
# most BENCH_LOAD_WAIT s) and prints the load with every figure: alternate, and compare within a run.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=renderd/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/renderd/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
BBOX=(9.47 47.04 9.64 47.28)
ZMIN=12
ZMAX="${SEED_ZMAX:-17}" # a smaller range for a smoke run
RUNS="${RUNS:-3}"
EXPORT_RUNS="${EXPORT_RUNS:-3}"
EXPORT_BBOX="9.4700,47.0800,9.6400,47.1955"
EXPORT_STRIP_HEIGHTS="${EXPORT_STRIP_HEIGHTS:-512}"
EXPORT_ONLY="${EXPORT_ONLY:-0}"
EXPORT_FORMATS="${EXPORT_FORMATS:-png}"
OUT="$BENCH_DIR/seed-vs-renderd"
TOKEN="bench-seed-$$"
BENCH_GATEWAY_ENV+=("TILECLUSTER_Admin__Token=$TOKEN")
export TILECLUSTER_Jobs__Root="$OUT/jobs"

((EXPORT_ONLY)) || "$HERE/renderd/setup.sh"
bench_setup
rm -rf "$OUT"
mkdir -p "$OUT"
trap 'bench_stop_cluster; rd_stop' EXIT
((EXPORT_ONLY)) || rd_start

rss_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

/usr/bin/python3 "$HERE/renderd/tiles.py" ranges "${BBOX[@]}" "$ZMIN" "$ZMAX" >"$OUT/ranges.txt"
metatiles=$(awk '{ n += $6 } END { print n }' "$OUT/ranges.txt")
seeds="$OUT/seed.tsv"
printf 'system\trun\tmetatiles\trenders\tseconds\tload_before\tload_after\n' >"$seeds"

tilecluster_seed() {
    local silos="$1" run="$2" lb start id state body
    BENCH_SILOS="$silos"
    rm -rf "$OUT/store"
    bench_start_cluster "$OUT/store"
    curl -s -o /dev/null "$BENCH_URL/osm/0/0/0.png" # JIT and font cache warm-up, not measured
    lb="$(bench_wait_load)"
    body=$(printf '{"style":"osm","bbox":[%s,%s,%s,%s],"zoom":"%d-%d","kind":"seed","name":"bench"}' "${BBOX[@]}" "$ZMIN" "$ZMAX")
    start=$(bench_now)
    id=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$body" "$BENCH_URL/jobs" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])') || tc_die "POST /jobs failed"
    while :; do
        curl -sf -o "$OUT/status.json" "$BENCH_URL/jobs/$id/status.json" || tc_die "status.json of $id failed"
        state=$(bench_json "$OUT/status.json" state)
        [[ "$state" == queued || "$state" == running ]] || break
        sleep 0.2
    done
    [[ "$state" == done ]] || tc_die "seed job $id ended $state: $(cat "$OUT/status.json")"
    printf 'tilecluster, %d silo(s)\t%s\t%s\t%s\t%s\t%s\t%s\n' "$silos" "$run" "$metatiles" \
        "$(bench_json "$OUT/status.json" renders)" "$(bench_seconds_since "$start")" "$lb" "$(bench_load1)" >>"$seeds"
    bench_stop_cluster
}

renderd_seed() {
    local run="$1" lb start found z x0 x1 y0 y1 count
    rd_wipe_tiles
    sync
    lb="$(bench_wait_load)"
    start=$(bench_now)
    while read -r z x0 x1 y0 y1 count; do
        render_list -a -z "$z" -Z "$z" -x $((x0 & ~7)) -X "$x1" -y $((y0 & ~7)) -Y "$y1" -n 2 -l 1000 \
            -m "$RD_STYLE" -s "$RD_SOCKET" -t "$RD_TILES" >"$OUT/render_list-$run-$z.log" 2>&1 ||
            tc_die "render_list failed (log: $OUT/render_list-$run-$z.log)"
    done <"$OUT/ranges.txt"
    local seconds
    seconds="$(bench_seconds_since "$start")"
    found=$(find "$RD_TILES/$RD_STYLE" -name '*.meta' | wc -l)
    ((found == metatiles)) || tc_die "renderd left $found metatiles, not $metatiles"
    printf 'renderd render_list -n 2\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$metatiles" "$found" "$seconds" "$lb" "$(bench_load1)" >>"$seeds"
}

tc_log "seed z$ZMIN-$ZMAX ($metatiles metatiles), $RUNS alternating rounds (load now $(bench_load))"
if ((!EXPORT_ONLY)); then
    for run in $(seq 1 "$RUNS"); do
        tilecluster_seed 1 "$run"
        tilecluster_seed 2 "$run"
        renderd_seed "$run"
    done
    rd_stop
fi

# image_size FILE: "WIDTHxHEIGHT" of a PNG (IHDR) or a JPEG (its frame header), or "?".
image_size() {
    python3 - "$1" <<'PY' 2>/dev/null || echo '?'
import struct, sys
d = open(sys.argv[1], "rb").read()
if d[:4] == b"\x89PNG":
    print("%dx%d" % struct.unpack(">II", d[16:24]))
else:
    i = d.index(b"\xff\xc0")
    h, w = struct.unpack(">HH", d[i + 5:i + 9])
    print("%dx%d" % (w, h))
PY
}

exports="$OUT/export.tsv"
printf 'strip rows\tformat\trun\thttp\twidth x height\tbytes\tfirst byte s\ttotal s\tload_before\tload_after\n' >"$exports"
peaks=""
BENCH_SILOS=2
for strip in $EXPORT_STRIP_HEIGHTS; do
    BENCH_GATEWAY_ENV+=("TILECLUSTER_Export__StripHeightPx=$strip")
    bench_start_cluster "$OUT/store-export"
    curl -s -o /dev/null "$BENCH_URL/osm/export?bbox=9.52,47.13,9.53,47.14&zoom=14&format=png" # warm-up
    for run in $(seq 1 "$EXPORT_RUNS"); do
        for format in $EXPORT_FORMATS; do
            lb="$(bench_wait_load)"
            result=$(curl -s -o "$OUT/export.$format" -w '%{http_code}\t%{size_download}\t%{time_starttransfer}\t%{time_total}' \
                "$BENCH_URL/osm/export?bbox=$EXPORT_BBOX&width=4000&format=$format")
            size=$(image_size "$OUT/export.$format")
            IFS=$'\t' read -r http bytes first total <<<"$result"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$strip" "$format" "$run" "$http" "$size" "$bytes" "$first" "$total" "$lb" "$(bench_load1)" >>"$exports"
        done
    done
    peak="strips of $strip rows: gateway $(rss_mb "${BENCH_PIDS[-1]}") MB"
    for ((i = 0; i < ${#BENCH_PIDS[@]} - 1; i++)); do
        peak+=", silo-$((i + 1)) $(rss_mb "${BENCH_PIDS[$i]}") MB"
    done
    peaks+="$peak"$'\n'
    bench_stop_cluster
    unset 'BENCH_GATEWAY_ENV[-1]'
done

if ((!EXPORT_ONLY)); then
    printf '\nSeed over %s at z%d-%d (%d metatiles); seconds from POST /jobs to "done", or render_list wall:\n' "${BBOX[*]}" "$ZMIN" "$ZMAX" "$metatiles"
    column -t -s $'\t' "$seeds"
    printf '\nmedians:\n'
    for system in 'tilecluster, 1 silo(s)' 'tilecluster, 2 silo(s)' 'renderd render_list -n 2'; do
        median=$(awk -F'\t' -v s="$system" '$1 == s { print $5 }' "$seeds" | bench_median)
        printf '  %s\t%.2f s\t%.2f metatiles/s\n' "$system" "$median" "$(awk -v m="$metatiles" -v t="$median" 'BEGIN { print m / t }')"
    done
fi
printf '\n4000-px-wide %s export of %s (2 silos):\n' "$EXPORT_FORMATS" "$EXPORT_BBOX"
column -t -s $'\t' "$exports"
printf 'peak RSS (VmHWM) after the exports:\n%s' "$peaks"
