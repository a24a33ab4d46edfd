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

    /// <inheritdoc />
    public override string ToString() => $"{StorageName}/{Metatile}";
}
