#!/usr/bin/python3
"""Makes Debian's prebuilt openstreetmap-carto style.xml load here, for the renderd benchmark.

usage: style.py SRC DST --dbname DB --host H --port P --user U --font-dir DIR

Debian's openstreetmap-carto-common ships style.xml compiled by carto at package build time,
without the .mss sources, so it is edited rather than rebuilt. The edits, and only these:
  1. layers whose SQL reads a table that only carto's scripts/get-external-data.py creates
     (it downloads shapefiles: oceans, ice sheets, Natural Earth borders) are dropped; the
     Liechtenstein extract is landlocked and none of them draws anything at z12+ there;
  2. every PostGIS datasource gets dbname/host/port/user of the project's PostgreSQL;
  3. the map's font-directory points at DIR (Mapnik does not search a font directory
     recursively; set-up fills DIR with links to every system font);
  4. PolygonPattern/LinePattern symbolizers whose file does not exist next to DST are dropped
     (Debian's 5.7.0 package does not ship patterns/): those areas keep their plain fill.
Prints what it changed.
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

EXTERNAL_TABLES = (
    "simplified_water_polygons",
    "water_polygons",
    "icesheet_polygons",
    "icesheet_outlines",
    "ne_110m_admin_0_boundary_lines_land",
)
EXTERNAL_RE = re.compile(r"\b(%s)\b" % "|".join(EXTERNAL_TABLES))
PATTERN_TAGS = ("PolygonPatternSymbolizer", "LinePatternSymbolizer")


def parameters(datasource):
    return {p.get("name"): p for p in datasource.findall("Parameter")}


def set_parameter(datasource, name, value):
    param = parameters(datasource).get(name)
    if param is None:
        param = ET.SubElement(datasource, "Parameter", {"name": name})
    param.text = value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--dbname", required=True)
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--font-dir", required=True)
    a = ap.parse_args()

    tree = ET.parse(a.src)
    root = tree.getroot()
    if root.tag != "Map":
        sys.exit("%s: the root element is <%s>, not <Map>" % (a.src, root.tag))
    base = os.path.dirname(os.path.abspath(a.dst))

    dropped_layers = []
    for layer in root.findall("Layer"):
        sql = " ".join(p.text or "" for ds in layer.iter("Datasource") for p in ds.findall("Parameter"))
        tables = sorted(set(EXTERNAL_RE.findall(sql)))
        if tables:
            root.remove(layer)
            dropped_layers.append("%s (%s)" % (layer.get("name"), ", ".join(tables)))

    postgis = 0
    for ds in root.iter("Datasource"):
        params = parameters(ds)
        if params.get("type") is not None and (params["type"].text or "").strip() == "postgis":
            for name, value in (("dbname", a.dbname), ("host", a.host), ("port", a.port), ("user", a.user)):
                set_parameter(ds, name, value)
            postgis += 1

    root.set("font-directory", a.font_dir)

    missing = set()
    removed = 0
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in PATTERN_TAGS:
                f = child.get("file", "")
                if not os.path.exists(f if os.path.isabs(f) else os.path.join(base, f)):
                    parent.remove(child)
                    missing.add(f)
                    removed += 1

    tmp = a.dst + ".tmp"
    tree.write(tmp, encoding="utf-8", xml_declaration=True)
    os.replace(tmp, a.dst)

    print("layers kept: %d" % len(root.findall("Layer")))
    print("layers dropped (tables only get-external-data.py creates): %s" % ("; ".join(dropped_layers) or "none"))
    print("postgis datasources pointed at dbname=%s host=%s port=%s user=%s: %d" % (a.dbname, a.host, a.port, a.user, postgis))
    print("font-directory: %s" % a.font_dir)
    print("pattern symbolizers dropped (file missing): %d, files: %s" % (removed, ", ".join(sorted(missing)) or "none"))


if __name__ == "__main__":
    main()
