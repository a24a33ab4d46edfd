#!/usr/bin/python3
"""Tile ranges of a bbox, and the mean size of the tiles inside it in mod_tile .meta stores.

  tiles.py ranges W S E N ZMIN ZMAX
      one line per zoom: "z xmin xmax ymin ymax metatiles" (tiles that intersect the bbox, and
      the 8x8 metatiles that hold them).
  tiles.py bytes W S E N ZMIN ZMAX NAME=STYLE_DIR...
      reads every .meta file under each STYLE_DIR (mod_tile's layout, which TileCluster's store
      and renderd share: "META", count, x, y, z as little-endian int32, then (offset, size) pairs,
      x-major) and prints, per store and zoom, the tiles of the bbox found and their mean bytes,
      then the total. Fails unless every store holds every tile of the bbox, so that the means
      cover the same tiles.
"""
import math
import os
import struct
import sys

META = 8


def tile_xy(lon, lat, z):
    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    r = math.radians(lat)
    y = int((1.0 - math.log(math.tan(r) + 1.0 / math.cos(r)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def ranges(w, s, e, n, zmin, zmax):
    for z in range(zmin, zmax + 1):
        x0, y0 = tile_xy(w, n, z)
        x1, y1 = tile_xy(e, s, z)
        metas = ((x1 // META) - (x0 // META) + 1) * ((y1 // META) - (y0 // META) + 1)
        yield z, x0, x1, y0, y1, metas


def read_store(style_dir):
    """{(z, x, y): size} of every tile in every .meta file under style_dir."""
    sizes = {}
    for folder, _, files in os.walk(style_dir):
        for name in files:
            if not name.endswith(".meta"):
                continue
            with open(os.path.join(folder, name), "rb") as fh:
                data = fh.read()
            magic, count, mx, my, mz = struct.unpack_from("<4s4i", data, 0)
            if magic != b"META":
                sys.exit("%s: not a metatile file" % os.path.join(folder, name))
            side = int(round(math.sqrt(count)))
            for i in range(count):
                _, size = struct.unpack_from("<2i", data, 20 + 8 * i)
                if size > 0:
                    sizes[(mz, mx + i // side, my + i % side)] = size
    return sizes


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    w, s, e, n = (float(v) for v in args[:4])
    zmin, zmax = int(args[4]), int(args[5])
    if cmd == "ranges":
        for row in ranges(w, s, e, n, zmin, zmax):
            print(*row)
        return
    if cmd != "bytes":
        sys.exit("unknown command %s" % cmd)
    stores = [a.split("=", 1) for a in args[6:]]
    wanted = {z: [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
              for z, x0, x1, y0, y1, _ in ranges(w, s, e, n, zmin, zmax)}
    total_wanted = sum(len(t) for t in wanted.values())
    means = {}
    print("store\tzoom\ttiles\tmean_bytes")
    for name, folder in stores:
        sizes = read_store(folder)
        found_all = 0
        bytes_all = 0
        for z, tiles in wanted.items():
            got = [sizes[t] for t in tiles if t in sizes]
            found_all += len(got)
            bytes_all += sum(got)
            print("%s\t%d\t%d/%d\t%.0f" % (name, z, len(got), len(tiles), sum(got) / max(1, len(got))))
        if found_all != total_wanted:
            sys.exit("%s holds %d of the bbox's %d tiles" % (name, found_all, total_wanted))
        means[name] = bytes_all / found_all
        print("%s\tall\t%d\t%.0f" % (name, found_all, means[name]))
    if len(stores) == 2:
        a, b = stores[0][0], stores[1][0]
        print("ratio %s/%s\t%.2f" % (a, b, means[a] / means[b]))


if __name__ == "__main__":
    main()
