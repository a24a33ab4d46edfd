using System.Globalization;

namespace TileCluster.Grains.Abstractions.Tiles;

/// <summary>The key of one pass-through tile grain: a layer and a tile, <c>{layer}/{z}/{x}/{y}</c>.</summary>
/// <param name="Layer">The layer's URL name, already validated against the configuration.</param>
/// <param name="Tile">The tile, in XYZ addressing.</param>
public readonly record struct PassThroughTileKey(string Layer, TileCoord Tile)
{
    /// <summary>The grain key: <c>{layer}/{z}/{x}/{y}</c>.</summary>
    public string GrainKey => $"{Layer}/{Tile}";

    /// <summary>The metatile key whose owner silo hosts this tile (and receives its expiries).</summary>
    public MetatileKey Owner => MetatileKey.For(Layer, 1, Tile);

    /// <summary>Parses a <see cref="GrainKey"/>; false for anything else (a metatile key has five parts).</summary>
    public static bool TryParseGrainKey(string text, out PassThroughTileKey key)
    {
        key = default;
        string[] parts = text.Split('/');
        if (parts.Length != 4 || !LayerName.IsValid(parts[0]) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int z) ||
            !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int x) ||
            !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int y) ||
            !TileCoord.TryCreate(z, x, y, out var tile, out _))
        {
            return false;
        }

        key = new PassThroughTileKey(parts[0], tile);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => GrainKey;
}
