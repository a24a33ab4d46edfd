#!/usr/bin/python3
"""Prints bench/vs-renderd.sh's figures from its output folder: medians (min-max), ratios, load.

usage: report.py OUT_DIR
"""
import csv
import glob
import json
import os
import statistics
import sys


def rows(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def mmm(values, fmt="%.2f"):
    values = sorted(values)
    return (fmt + " (" + fmt + "-" + fmt + ")") % (statistics.median(values), values[0], values[-1])


def main():
    out = sys.argv[1]
    passes = rows(os.path.join(out, "cold.tsv"))
    # Run 0 is each system's first pass after it started; the medians are over the later runs.
    first = [r for r in passes if int(r["run"]) == 0]
    cold = [r for r in passes if int(r["run"]) > 0]
    systems = ["tilecluster", "renderd"]
    runs = sorted({int(r["run"]) for r in cold})
    zooms = sorted({int(r["zoom"]) for r in cold})

    print("## Cold render, %d alternating runs after a first pass (seconds: median (min-max))\n" % len(runs))
    print("| zoom | metatiles | TileCluster s | renderd s | TileCluster metatiles/s | renderd metatiles/s | ratio (renderd s / TileCluster s) |")
    print("|---|---|---|---|---|---|---|")
    totals = {s: {} for s in systems}
    for z in zooms:
        per = {s: [float(r["seconds"]) for r in cold if r["system"] == s and int(r["zoom"]) == z] for s in systems}
        n = int(next(r["metatiles"] for r in cold if int(r["zoom"]) == z))
        for s in systems:
            for r in cold:
                if r["system"] == s and int(r["zoom"]) == z:
                    totals[s][int(r["run"])] = totals[s].get(int(r["run"]), 0.0) + float(r["seconds"])
        print("| %d | %d | %s | %s | %.1f | %.1f | %.2f |" % (
            z, n, mmm(per["tilecluster"]), mmm(per["renderd"]),
            n / statistics.median(per["tilecluster"]), n / statistics.median(per["renderd"]),
            statistics.median(per["renderd"]) / statistics.median(per["tilecluster"])))
    n_all = sum(int(next(r["metatiles"] for r in cold if int(r["zoom"]) == z)) for z in zooms)
    tc = list(totals["tilecluster"].values())
    rd = list(totals["renderd"].values())
    print("| **all** | %d | %s | %s | **%.2f** | **%.2f** | **%.2f** |\n" % (
        n_all, mmm(tc), mmm(rd), n_all / statistics.median(tc), n_all / statistics.median(rd),
        statistics.median(rd) / statistics.median(tc)))

    print("Per run (total s over z%d-%d; 1-minute load average before the first zoom -> after the last):\n" % (zooms[0], zooms[-1]))
    print("| run | TileCluster s | load | renderd s | load | ratio |")
    print("|---|---|---|---|---|---|")
    for run in runs:
        def load(system):
            rr = [r for r in cold if r["system"] == system and int(r["run"]) == run]
            return "%s -> %s" % (rr[0]["load_before"], rr[-1]["load_after"])
        print("| %d | %.2f | %s | %.2f | %s | %.2f |" % (
            run, totals["tilecluster"][run], load("tilecluster"), totals["renderd"][run], load("renderd"),
            totals["renderd"][run] / totals["tilecluster"][run]))
    if first:
        def first_total(system):
            return sum(float(r["seconds"]) for r in first if r["system"] == system)
        print("| first pass (0) | %.2f | | %.2f | | %.2f |" % (
            first_total("tilecluster"), first_total("renderd"), first_total("renderd") / first_total("tilecluster")))
        print("\nThe first pass is TileCluster's first after its cluster started (fresh processes) and renderd's")
        print("first after its warm-up tile; it is not in the medians.")
    print()

    misses_path = os.path.join(out, "miss.tsv")
    if os.path.exists(misses_path):
        miss = rows(misses_path)
        print("## Cold z17 miss (curl time_total, seconds)\n")
        print("| run | TileCluster s (HTTP) | load | renderd via mod_tile s (HTTP) | load |")
        print("|---|---|---|---|---|")
        for run in sorted({int(r["run"]) for r in miss}):
            t = next(r for r in miss if r["system"] == "tilecluster" and int(r["run"]) == run)
            d = next(r for r in miss if r["system"] == "renderd" and int(r["run"]) == run)
            print("| %d | %.3f (%s) | %s -> %s | %.3f (%s) | %s -> %s |" % (
                run, float(t["seconds"]), t["http"], t["load_before"], t["load_after"],
                float(d["seconds"]), d["http"], d["load_before"], d["load_after"]))
        tm = [float(r["seconds"]) for r in miss if r["system"] == "tilecluster"]
        dm = [float(r["seconds"]) for r in miss if r["system"] == "renderd"]
        print("\nmedian (min-max): TileCluster %s s, renderd %s s; ratio TileCluster/renderd **%.2f**\n" % (
            mmm(tm, "%.3f"), mmm(dm, "%.3f"), statistics.median(tm) / statistics.median(dm)))

    statuses = sorted(glob.glob(os.path.join(out, "tc-status-cold*.json")))
    if statuses:
        print("## TileCluster: where a render's time goes (mean ms per metatile over all the cold passes; the misses per run)\n")
        print("| zoom | renders | total | query | draw | labels | encode |")
        print("|---|---|---|---|---|---|---|")
        by_zoom = {}
        for path in statuses:
            doc = json.load(open(path))
            for silo in doc.get("silos", []):
                for z in silo.get("renderTimeByZoom", []):
                    by_zoom.setdefault(z["zoom"], []).append(z)
        fields = ["meanMilliseconds", "queryMilliseconds", "drawMilliseconds", "labelsMilliseconds", "encodeMilliseconds"]
        for zoom in sorted(by_zoom):
            zs = by_zoom[zoom]
            cells = ["%.0f" % statistics.median(z.get(f, float("nan")) for z in zs) for f in fields]
            print("| %d | %d | %s |" % (zoom, zs[0]["count"], " | ".join(cells)))
        misses_status = sorted(glob.glob(os.path.join(out, "tc-status-miss-*.json")))
        for path in misses_status:
            doc = json.load(open(path))
            for silo in doc.get("silos", []):
                for z in silo.get("renderTimeByZoom", []):
                    if z["zoom"] == 17:
                        print("| 17 (miss, %s) | %d | %s |" % (os.path.basename(path)[15:-5], z["count"], " | ".join(
                            "%.0f" % z.get(f, float("nan")) for f in fields)))
        print()

    rss_path = os.path.join(out, "tc-rss-after-cold.tsv")
    if os.path.exists(rss_path):
        with open(rss_path) as fh:
            rss = [line.split() for line in fh if line.strip()]
        print("Silo RSS after each cold run: %s MB\n" % ", ".join(r[1] for r in rss))

    bytes_path = os.path.join(out, "bytes.tsv")
    if os.path.exists(bytes_path):
        print("## Mean bytes per tile, the same tiles in both stores\n")
        print("```")
        print(open(bytes_path).read().rstrip())
        print("```")


if __name__ == "__main__":
    main()
