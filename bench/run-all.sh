#!/usr/bin/env bash
# Runs every benchmark in sequence and writes the results under .tilecluster/bench/results-*.txt:
# cold render with 1, 2 and 4 silos, cached serving (with and without the gateway hot cache), cold
# z17 misses, the CPU of a cold pass per process, expire-list ingestion and freshness after a diff.
# Nothing else should run on the machine meanwhile.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../.tilecluster/bench"
mkdir -p "$out"
for silos in 1 2 4; do
    BENCH_SILOS=$silos "$here/render-cold.sh" | tee "$out/results-render-cold-$silos-silos.txt"
done
"$here/serve-cached.sh" | tee "$out/results-serve-cached.txt"
"$here/cold-miss.sh" | tee "$out/results-cold-miss.txt"
"$here/cold-cpu.sh" | tee "$out/results-cold-cpu.txt"
"$here/expire-ingest.sh" | tee "$out/results-expire-ingest.txt"
"$here/expire-freshness.sh" | tee "$out/results-expire-freshness.txt"
