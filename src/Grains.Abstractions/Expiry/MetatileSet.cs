using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>A set of metatiles, deduplicated per zoom; what an expire list expands to.</summary>
public sealed class MetatileSet
{
    private readonly HashSet<long>[] _byZoom = new HashSet<long>[TileCoord.MaxSupportedZoom + 1];

    /// <summary>Metatiles in the set.</summary>
    public long Count { get; private set; }

    /// <summary>Adds the metatile with metatile indices (tile / 8) <paramref name="mx"/>, <paramref name="my"/> at zoom <paramref name="z"/>.</summary>
    /// <returns>True when it was new.</returns>
    public bool Add(int z, int mx, int my)
    {
        var set = _byZoom[z] ??= [];
        if (!set.Add(((long)mx << 32) | (uint)my))
        {
            return false;
        }

        Count++;
        return true;
    }

    /// <summary>Whether the set holds the metatile containing <paramref name="tile"/>.</summary>
    public bool Contains(TileCoord tile) =>
        _byZoom[tile.Z] is { } set && set.Contains(((long)(tile.X / MetatileCoord.Size) << 32) | (uint)(tile.Y / MetatileCoord.Size));

    /// <summary>Metatiles in the set at one zoom.</summary>
    public int CountAt(int z) => _byZoom[z]?.Count ?? 0;

    /// <summary>Every metatile, by ascending zoom (order within a zoom is unspecified).</summary>
    public IEnumerable<MetatileCoord> Enumerate()
    {
        for (int z = 0; z < _byZoom.Length; z++)
        {
            if (_byZoom[z] is not { } set)
            {
                continue;
            }

            foreach (long packed in set)
            {
                yield return MetatileCoord.Containing(TileCoord.Create(z, (int)(packed >> 32) * MetatileCoord.Size, (int)packed * MetatileCoord.Size));
            }
        }
    }
}
