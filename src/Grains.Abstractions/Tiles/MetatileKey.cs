namespace TileCluster.Grains.Abstractions.Tiles;

/// <summary>
/// The key of one metatile grain: a style, a render scale (1 for 256 px tiles, 2 for @2x) and a
/// metatile. Equal keys always reach the same grain.
/// </summary>
/// <param name="Style">The style's URL name, already validated against the configuration.</param>
/// <param name="Scale">Render scale: 1 or 2.</param>
/// <param name="Metatile">The metatile.</param>
public readonly record struct MetatileKey(string Style, int Scale, MetatileCoord Metatile)
{
    /// <summary>The key of the grain that owns <paramref name="tile"/>.</summary>
    public static MetatileKey For(string style, int scale, TileCoord tile) => new(style, scale, MetatileCoord.Containing(tile));

    /// <summary>The storage name: the style, with <c>@2x</c> appended for scale 2 (one mod_tile "xmlconfig" per scale).</summary>
    public string StorageName => Scale == 1 ? Style : $"{Style}@{Scale}x";

    /// <summary>The key of the metatile grain: <c>{style}/{scale}/{z}/{x}/{y}</c>.</summary>
    public string GrainKey => $"{Style}/{Scale}/{Metatile}";

    /// <summary>Parses a <see cref="GrainKey"/>; false for anything else.</summary>
    public static bool TryParseGrainKey(string text, out MetatileKey key)
    {
        key = default;
        string[] parts = text.Split('/');
        if (parts.Length != 5 || parts[0].Length == 0 ||
            !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int scale) || scale is not (1 or 2) ||
            !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int z) ||
            !int.TryParse(parts[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int x) ||
            !int.TryParse(parts[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int y) ||
            !MetatileCoord.TryCreate(z, x, y, out var metatile, out _) || metatile.X != x || metatile.Y != y)
        {
            return false;
        }

        key = new MetatileKey(parts[0], scale, metatile);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{StorageName}/{Metatile}";
}
