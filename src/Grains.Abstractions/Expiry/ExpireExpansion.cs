using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>
/// Maps expired tiles onto metatiles: each tile covers its parents at every zoom down to
/// <c>minZoom</c> and the tiles beneath it at every zoom up to <c>maxZoom</c>, clipped to that
/// range. The result is deduplicated, so a list that names every zoom (osm2pgsql's
/// <c>-e 10-18</c>) and one that names only the deepest zoom give the same lower zooms.
/// </summary>
public static class ExpireExpansion
{
    /// <summary>
    /// Expands <paramref name="tiles"/>; returns null (and stops early) when the result would
    /// exceed <paramref name="maxMetatiles"/>.
    /// </summary>
    public static MetatileSet? Expand(IEnumerable<TileCoord> tiles, int minZoom, int maxZoom, long maxMetatiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minZoom);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxZoom, TileCoord.MaxSupportedZoom);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minZoom, maxZoom);
        var set = new MetatileSet();
        foreach (var tile in tiles)
        {
            // Parents, from the tile's own zoom (or maxZoom, if deeper) down to minZoom.
            for (int z = Math.Min(tile.Z, maxZoom); z >= minZoom; z--)
            {
                int shift = tile.Z - z;
                if (!set.Add(z, (tile.X >> shift) / MetatileCoord.Size, (tile.Y >> shift) / MetatileCoord.Size) && z < tile.Z)
                {
                    // Its parent was added before, and so were all of the parent's parents.
                    break;
                }
            }

            // Children, from the zoom below the tile's (or minZoom, if higher) up to maxZoom.
            for (int z = Math.Max(tile.Z + 1, minZoom); z <= maxZoom; z++)
            {
                int shift = z - tile.Z;
                int x0 = (tile.X << shift) / MetatileCoord.Size, x1 = (((tile.X + 1) << shift) - 1) / MetatileCoord.Size;
                int y0 = (tile.Y << shift) / MetatileCoord.Size, y1 = (((tile.Y + 1) << shift) - 1) / MetatileCoord.Size;
                long block = (long)(x1 - x0 + 1) * (y1 - y0 + 1);
                if (block > maxMetatiles)
                {
                    return null;
                }

                if (set.Count + block > maxMetatiles && !Fits(set, z, x0, x1, y0, y1, maxMetatiles))
                {
                    return null;
                }

                for (int mx = x0; mx <= x1; mx++)
                {
                    for (int my = y0; my <= y1; my++)
                    {
                        set.Add(z, mx, my);
                    }
                }
            }

            if (set.Count > maxMetatiles)
            {
                return null;
            }
        }

        return set;
    }

    // The bound above counts the block as all new; most of it may already be in the set.
    private static bool Fits(MetatileSet set, int z, int x0, int x1, int y0, int y1, long maxMetatiles)
    {
        long count = set.Count;
        for (int mx = x0; mx <= x1; mx++)
        {
            for (int my = y0; my <= y1; my++)
            {
                if (!set.Contains(TileCoord.Create(z, mx * MetatileCoord.Size, my * MetatileCoord.Size)) && ++count > maxMetatiles)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
