#!/usr/bin/env bash
# Vector tiles against the raster path (issue 11): for the bbox 9.47,47.04,9.64,47.28 at z12-16,
#  - cold: one request per metatile on an empty store, 4 in flight, for the PNG layer (osm) and the
#    MVT layer (osm-vector) of config/tilecluster.json, both made from styles/osm.yaml; tiles/s is
#    metatiles x 64 / seconds (a metatile is rendered or encoded whole);
#  - size: every tile of the bbox, fetched warm afterwards without Accept-Encoding (MVT as stored)
#    and, for MVT, with gzip as a browser asks: bytes per tile.
# martin and tegola cannot be installed here (crates.io is unreachable; neither is packaged in
# Debian or npm), so the comparison is with our own raster path. RUNS runs (default 3), each on a
# fresh store and cluster; medians. Prints the load average at the start and end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BBOX=(9.47 47.04 9.64 47.28)
RUNS="${RUNS:-3}"
bench_setup
trap bench_stop_cluster EXIT
results="$BENCH_DIR/vector-vs-raster.tsv"
sizes="$BENCH_DIR/vector-vs-raster-sizes.tsv"
: >"$results"
: >"$sizes"
echo "load average before: $(bench_wait_load) ($(bench_load))" >&2

# tiles Z W S E N: every z/x/y of the bbox.
tiles() {
    awk -v z="$1" -v w="$2" -v s="$3" -v e="$4" -v n="$5" 'BEGIN {
        pi = atan2(0, -1); size = 2 ^ z
        x0 = int((w + 180) / 360 * size); x1 = int((e + 180) / 360 * size)
        y0 = lat2y(n, size, pi); y1 = lat2y(s, size, pi)
        for (x = x0; x <= x1; x++) for (y = y0; y <= y1; y++) printf "%d/%d/%d\n", z, x, y
    }
    function lat2y(lat, size, pi,   r) { r = lat * pi / 180; return int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / pi) / 2 * size) }'
}

# fetch LAYER EXT PARALLEL [CURL ARGS] < paths: prints "code bytes" per tile.
fetch() {
    local layer="$1" ext="$2" parallel="$3"
    shift 3
    xargs -P "$parallel" -I{} curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "$@" "$BENCH_URL/$layer/{}.$ext"
}

for run in $(seq 1 "$RUNS"); do
    store="$BENCH_DIR/store-vector-$run"
    rm -rf "$store"
    bench_start_cluster "$store"
    curl -s -o /dev/null "$BENCH_URL/osm/0/0/0.png" # JIT and font cache warm-up, not measured
    curl -s -o /dev/null "$BENCH_URL/osm-vector/0/0/0.mvt"
    for kind in osm:png osm-vector:mvt; do
        layer="${kind%%:*}" ext="${kind##*:}"
        for z in 12 13 14 15 16; do
            bench_metatiles "$z" "${BBOX[@]}" >"$BENCH_DIR/meta-$z.txt"
            count=$(wc -l <"$BENCH_DIR/meta-$z.txt")
            start=$(bench_now)
            fetch "$layer" "$ext" 4 <"$BENCH_DIR/meta-$z.txt" | awk '$1 != 200 { bad = 1; print "non-200: " $0 > "/dev/stderr" } END { exit bad }'
            printf '%s\t%s\t%s\t%s\t%s\n' "$run" "$layer" "$z" "$count" "$(bench_seconds_since "$start")" >>"$results"
        done
    done
    if [[ "$run" == 1 ]]; then
        for z in 12 13 14 15 16; do
            tiles "$z" "${BBOX[@]}" >"$BENCH_DIR/tiles-$z.txt"
            png=$(fetch osm png 4 <"$BENCH_DIR/tiles-$z.txt" | awk '{ n++; b += $2 } END { printf "%d\t%.0f", n, b / n }')
            mvt=$(fetch osm-vector mvt 4 <"$BENCH_DIR/tiles-$z.txt" | awk '{ b += $2; n++ } END { printf "%.0f", b / n }')
            gz=$(fetch osm-vector mvt 4 -H 'Accept-Encoding: gzip' <"$BENCH_DIR/tiles-$z.txt" | awk '{ b += $2; n++ } END { printf "%.0f", b / n }')
            printf '%s\t%s\t%s\t%s\n' "$z" "$png" "$mvt" "$gz" >>"$sizes"
        done
    fi
    bench_stop_cluster
done
echo "load average after: $(bench_load)" >&2

printf 'cold\tzoom\tmetatiles\tpng s\tpng tiles/s\tmvt s\tmvt tiles/s\tmvt/png speed\n'
for z in 12 13 14 15 16 all; do
    for layer in osm osm-vector; do
        if [[ "$z" == all ]]; then
            awk -v l="$layer" '$2 == l { s[$1] += $5 } END { for (r in s) print s[r] }' "$results" | bench_median >"$BENCH_DIR/m-$layer"
        else
            awk -v z="$z" -v l="$layer" '$2 == l && $3 == z { print $5 }' "$results" | bench_median >"$BENCH_DIR/m-$layer"
        fi
    done
    count=$(awk -v z="$z" '$2 == "osm" && ($3 == z || z == "all") && $1 == 1 { c += $4 } END { print c }' "$results")
    awk -v z="$z" -v c="$count" -v p="$(cat "$BENCH_DIR/m-osm")" -v m="$(cat "$BENCH_DIR/m-osm-vector")" \
        'BEGIN { printf "cold\t%s\t%d\t%.2f\t%.0f\t%.2f\t%.0f\t%.1fx\n", z, c, p, c * 64 / p, m, c * 64 / m, p / m }'
done
printf '\nsize\tzoom\ttiles\tpng bytes/tile\tmvt bytes/tile\tmvt gzip bytes/tile\n'
awk '{ printf "size\t%s\t%s\t%s\t%s\t%s\n", $1, $2, $3, $4, $5 }' "$sizes"
