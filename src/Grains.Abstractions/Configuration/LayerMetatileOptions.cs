namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// <c>Layers:{name}:Metatile</c>: the block of tiles made as one. The grains, the <c>.meta</c>
/// store and the expiry maths are built on 8×8, so a rendered layer accepts only 8; a
/// pass-through layer (<c>proxy</c>, <c>mbtiles</c>) fetches tile by tile, so it accepts only 1.
/// </summary>
public sealed class LayerMetatileOptions
{
    /// <summary>The only metatile side the grains and the store honour for rendered layers.</summary>
    public const int SupportedSide = 8;

    /// <summary>The only metatile side of a pass-through layer: one tile per fetch.</summary>
    public const int PassThroughSide = 1;

    /// <summary>Tiles down a metatile: 8 for rendered layers, 1 for pass-through ones (the default by kind when unset).</summary>
    public int? Rows { get; set; }

    /// <summary>Tiles across a metatile: 8 for rendered layers, 1 for pass-through ones (the default by kind when unset).</summary>
    public int? Columns { get; set; }

    /// <summary>Pixels rendered around the metatile (at 256 px tiles) so labels cross tile edges; unset: <c>Render:BufferPx</c>.</summary>
    public int? Buffer { get; set; }
}
