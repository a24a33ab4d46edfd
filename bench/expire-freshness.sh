#!/usr/bin/env bash
# Freshness after a real diff: the expire list osm2pgsql writes (-e $EXPIRE_ZOOMS, default 18 as
# tilecluster replicate runs it; EXPIRE_ZOOMS=10-18 for lists of every zoom) when it applies
# data/sample/000466354.osc.gz to a scratch import of the sample, posted to POST /admin/expire?wait=hot
# of a cluster (BENCH_SILOS silos, default 2) whose store holds every metatile of the Liechtenstein
# bbox at z12-17. Reports deliveredMs (list accepted, parsed, expanded and every silo's batch marked)
# and hotRenderedMs (the marked hot-zoom metatiles, z<=16, re-rendered), median of RUNS (default 3),
# each on a fresh cluster over a fresh copy of the rendered tree.
# The real diff changes nothing in Liechtenstein, so there it re-renders nothing. Also measured: the
# Liechtenstein lines of the synthetic 1M list (bench/gen-expire-list), and, when
# data/sample/replication-fixture/000466355.osc.gz (a diff editing Vaduz, applied after 000466354)
# exists, its list.
# For comparison, Debian's render_expired --touch-from=10 (marking only; re-rendering needs a renderd)
# on the same lists and a copy of the same tree.
BENCH_SILOS="${BENCH_SILOS:-2}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${RUNS:-3}"
TOKEN="bench-expire-$$"
BENCH_GATEWAY_ENV+=("TILECLUSTER_Admin__Token=$TOKEN")
SCRATCH_DB=tilecluster_bench_diff
EXPIRE_ZOOMS="${EXPIRE_ZOOMS:-18}"
[[ "$EXPIRE_ZOOMS" =~ ^[0-9]+(-[0-9]+)?$ ]] || tc_die "EXPIRE_ZOOMS must be Z or MIN-MAX, got '$EXPIRE_ZOOMS'"
EXPIRE_MIN="${EXPIRE_ZOOMS%-*}"
DIFF="$TC_REPO_ROOT/data/sample/000466354.osc.gz"
FIXTURE="$TC_REPO_ROOT/data/sample/replication-fixture/000466355.osc.gz"
bench_setup
tc_ensure_apt_packages renderd hyperfine
trap bench_stop_cluster EXIT

# osm2pgsql against the scratch database, with tc_import_sample's options.
scratch_osm2pgsql() {
    osm2pgsql --slim -S "$TC_OSM_STYLE" --number-processes 2 -C 512 \
        -H 127.0.0.1 -P "$TC_PG_PORT" -U "$TC_PG_SUPERUSER" -d "$SCRATCH_DB" "$@"
}

# The lists: a scratch import of the sample (never the served database), then each diff appended in
# sequence with -e $EXPIRE_ZOOMS. Kept in $BENCH_DIR; the scratch database is dropped afterwards.
diff_list="$BENCH_DIR/expire-diff-466354-e$EXPIRE_ZOOMS.txt"
fixture_list="$BENCH_DIR/expire-diff-466355-fixture-e$EXPIRE_ZOOMS.txt"
if [[ ! -s "$diff_list" || (-f "$FIXTURE" && ! -s "$fixture_list") ]]; then
    tc_log "scratch import into $SCRATCH_DB, then osm2pgsql --append -e $EXPIRE_ZOOMS of the diff(s)"
    tc_psql postgres "DROP DATABASE IF EXISTS $SCRATCH_DB" >/dev/null
    tc_psql postgres "CREATE DATABASE $SCRATCH_DB" >/dev/null
    tc_psql "$SCRATCH_DB" "CREATE EXTENSION postgis" >/dev/null
    tc_run_logged "$BENCH_DIR/scratch-import.log" scratch_osm2pgsql --create "$TC_SAMPLE_PBF"
    rm -f "$diff_list" "$fixture_list"
    tc_run_logged "$BENCH_DIR/scratch-append-466354.log" scratch_osm2pgsql --append -e "$EXPIRE_ZOOMS" -o "$diff_list" "$DIFF"
    if [[ -f "$FIXTURE" ]]; then
        tc_run_logged "$BENCH_DIR/scratch-append-466355.log" scratch_osm2pgsql --append -e "$EXPIRE_ZOOMS" -o "$fixture_list" "$FIXTURE"
    fi
    tc_psql postgres "DROP DATABASE $SCRATCH_DB" >/dev/null
fi
# The lines of the synthetic 1M list (bench/gen-expire-list) that overlap the bbox: a busy period
# in Liechtenstein, so that hot zooms there do get re-rendered.
bench_expire_list "$BENCH_DIR/expire-1m.txt"
slice_list="$BENCH_DIR/expire-1m-liechtenstein-e$EXPIRE_ZOOMS.txt"
bench_lines_in_bbox "${BENCH_BBOX[@]}" <"$BENCH_DIR/expire-1m.txt" | awk -F/ -v min="$EXPIRE_MIN" '$1 >= min' >"$slice_list"
lists=("$diff_list" "$slice_list")
if [[ -f "$FIXTURE" ]]; then
    lists+=("$fixture_list")
else
    tc_warn "no $FIXTURE: only the real diff is measured"
fi

tree="$(bench_expire_tree 12 17)"
store="$BENCH_DIR/store-freshness"
results="$BENCH_DIR/expire-freshness.tsv"
: >"$results"


load_before="$(bench_load)"
printf '10/0/0\n' >"$BENCH_DIR/expire-warmup.txt" # far from any stored tile
for list in "${lists[@]}"; do
    name="$(basename "$list" .txt)"
    for run in $(seq 1 "$RUNS"); do
        bench_copy_tree "$tree" "$store"
        bench_start_cluster "$store"
        curl -s -o /dev/null "$BENCH_URL/osm/0/0/0.png" # renderer warm-up (below the expired zooms), not measured
        read -r code _ < <(bench_post_expire "$BENCH_DIR/expire-warmup.txt" "$BENCH_DIR/expire-warmup.json" "?wait=hot")
        [[ "$code" == 200 ]] || tc_die "warm-up expire answered $code: $(cat "$BENCH_DIR/expire-warmup.json")"
        read -r code wall < <(bench_post_expire "$list" "$BENCH_DIR/$name-$run.json" "?wait=hot&timeout=300")
        [[ "$code" == 200 ]] || tc_die "expire answered $code: $(head -c 2000 "$BENCH_DIR/$name-$run.json")"
        printf '%s\t%s\t%s\t%s\n' "$name" "$run" "$wall" \
            "$(bench_json "$BENCH_DIR/$name-$run.json" lines metatiles keys dirtied hotRefreshing hotRendered hotFailed deliveredMs hotRenderedMs)" >>"$results"
        bench_stop_cluster
    done
done

printf 'stored tree: %s metatiles (bbox %s, z12-17, scale 1)\n' "$(cat "$tree.complete")" "${BENCH_BBOX[*]}"
printf 'runs (list, run, wall s, lines, metatiles, keys, dirtied, hotRefreshing, hotRendered, hotFailed, deliveredMs, hotRenderedMs):\n'
sed 's/^/  /' "$results"
printf '\nlist\tlines\tmetatiles\tstored marked\thot re-rendered\tdeliveredMs\thotRenderedMs\thot after delivery ms\twall s\n'
for list in "${lists[@]}"; do
    name="$(basename "$list" .txt)"
    awk -F'\t' -v n="$name" '$1 == n' "$results" >"$BENCH_DIR/$name.tsv"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" \
        "$(awk -F'\t' 'NR == 1 { print $4 }' "$BENCH_DIR/$name.tsv")" \
        "$(awk -F'\t' 'NR == 1 { print $5 }' "$BENCH_DIR/$name.tsv")" \
        "$(awk -F'\t' 'NR == 1 { print $7 }' "$BENCH_DIR/$name.tsv")" \
        "$(awk -F'\t' 'NR == 1 { print $9 }' "$BENCH_DIR/$name.tsv")" \
        "$(cut -f11 "$BENCH_DIR/$name.tsv" | bench_median)" \
        "$(cut -f12 "$BENCH_DIR/$name.tsv" | grep -v None | bench_median)" \
        "$(awk -F'\t' '$12 != "None" { print $12 - $11 }' "$BENCH_DIR/$name.tsv" | bench_median)" \
        "$(cut -f3 "$BENCH_DIR/$name.tsv" | bench_median)"
done

# render_expired marks (touches) the same stored tiles; it does not render without a renderd.
re_tree="$BENCH_DIR/store-render-expired"
printf '\nrender_expired --touch-from=10 (marking only), same lists, a fresh copy of the tree per run:\n'
printf 'list\tmedian ms\tmetatiles considered\tstored metatiles touched\n'
for list in "${lists[@]}"; do
    name="$(basename "$list" .txt)"
    hyperfine --runs "$RUNS" --style none --prepare "rm -rf $re_tree && cp -a $tree $re_tree" \
        --export-json "$BENCH_DIR/$name-render-expired.json" \
        "render_expired --map=osm --tile-dir=$re_tree --min-zoom=10 --max-zoom=18 --touch-from=10 <$list >/dev/null 2>&1" >&2
    bench_copy_tree "$tree" "$re_tree"
    render_expired --map=osm --tile-dir="$re_tree" --min-zoom=10 --max-zoom=18 --touch-from=10 <"$list" 2>/dev/null |
        tail -8 >"$BENCH_DIR/$name-render-expired.txt"
    printf '%s\t%s\t%s\t%s\n' "$name" \
        "$(python3 -c 'import json, statistics, sys; print(round(1000 * statistics.median(json.load(open(sys.argv[1]))["results"][0]["times"]), 1))' "$BENCH_DIR/$name-render-expired.json")" \
        "$(awk -F': ' '/expanded from input/ { print $2 }' "$BENCH_DIR/$name-render-expired.txt")" \
        "$(awk -F': ' '/meta tiles touched/ { print $2 }' "$BENCH_DIR/$name-render-expired.txt")"
done
# With BENCH_RENDERD_XML (a Mapnik style for the same data, e.g. openstreetmap-carto's style.xml
# over its own import of the sample): Debian's renderd with that style, and render_expired
# --touch-from=17 sending the stored metatiles at z<=16 (TileCluster's hot zooms) to it for
# re-rendering and touching z17-18: the time from the list to hot zooms re-rendered, mod_tile's way.
if [[ -n "${BENCH_RENDERD_XML:-}" ]]; then
    rd="$BENCH_DIR/renderd"
    mkdir -p "$rd"
    cat >"$rd/renderd.conf" <<CONF
[renderd]
num_threads=$(nproc)
tile_dir=$rd/tiles
stats_file=$rd/renderd.stats
socketname=$rd/renderd.sock

[mapnik]
plugins_dir=/usr/lib/mapnik/3.1/input
font_dir=/usr/share/fonts
font_dir_recurse=true

[osm]
URI=/osm/
TILEDIR=$rd/tiles
XML=$BENCH_RENDERD_XML
HOST=localhost
TILESIZE=256
CONF
    rm -rf "$rd/tiles" "$rd/renderd.sock"
    mkdir -p "$rd/tiles"
    renderd -f -c "$rd/renderd.conf" >"$rd/renderd.log" 2>&1 &
    BENCH_PIDS+=("$!")
    for _ in $(seq 1 120); do
        [[ -S "$rd/renderd.sock" ]] && break
        sleep 0.5
    done
    [[ -S "$rd/renderd.sock" ]] || tc_die "renderd did not start: $(tail -5 "$rd/renderd.log")"
    # Warm-up, not measured: one z0 metatile, so the style is loaded before the timed runs.
    render_list -a -f -z 0 -Z 0 -l 1000 -m osm -s "$rd/renderd.sock" -t "$rd/tiles" >/dev/null 2>&1
    printf '\nrender_expired --touch-from=17 with renderd (%s, %s threads): z<=16 re-rendered, z17-18 touched; a fresh copy of the tree per run:\n' "$BENCH_RENDERD_XML" "$(nproc)"
    printf 'list\trun\twall s\tmetatiles considered\tre-rendered\ttouched\n'
    for list in "${lists[@]}"; do
        name="$(basename "$list" .txt)"
        : >"$BENCH_DIR/$name-renderd.tsv"
        for run in $(seq 1 "$RUNS"); do
            rm -rf "$rd/tiles"
            cp -a "$tree" "$rd/tiles"
            start=$(bench_now)
            # --max-load (not in 0.6.1's --help): its request threads otherwise sleep while the
            # 1-minute load average is at or above its limit (16 by default), which measures the load.
            render_expired --map=osm --socket="$rd/renderd.sock" --tile-dir="$rd/tiles" --num-threads="$(nproc)" \
                --max-load=1000 --min-zoom=10 --max-zoom=18 --touch-from=17 <"$list" 2>/dev/null >"$BENCH_DIR/$name-renderd-$run.txt"
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$(awk -v a="$start" -v b="$(bench_now)" 'BEGIN { print b - a }')" \
                "$(awk -F': ' '/expanded from input/ { print $2 }' "$BENCH_DIR/$name-renderd-$run.txt")" \
                "$(awk '/^Meta tiles rendered/ { print $5 }' "$BENCH_DIR/$name-renderd-$run.txt")" \
                "$(awk -F': ' '/meta tiles touched/ { print $2 }' "$BENCH_DIR/$name-renderd-$run.txt")" | tee -a "$BENCH_DIR/$name-renderd.tsv"
        done
        printf '%s\tmedian\t%s\n' "$name" "$(cut -f3 "$BENCH_DIR/$name-renderd.tsv" | bench_median)"
    done
    bench_stop_cluster
fi
printf 'load average (1, 5, 15 min) before: %s; after: %s\n' "$load_before" "$(bench_load)"
