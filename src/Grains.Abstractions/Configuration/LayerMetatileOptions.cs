namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// <c>Layers:{name}:Metatile</c>: the block of tiles rendered as one image. The grains, the
/// <c>.meta</c> store and the expiry maths are built on 8×8, so rows and columns accept only 8.
/// </summary>
public sealed class LayerMetatileOptions
{
    /// <summary>The only metatile side the grains and the store honour.</summary>
    public const int SupportedSide = 8;

    /// <summary>Tiles down a metatile: 8.</summary>
    public int Rows { get; set; } = SupportedSide;

    /// <summary>Tiles across a metatile: 8.</summary>
    public int Columns { get; set; } = SupportedSide;

    /// <summary>Pixels rendered around the metatile (at 256 px tiles) so labels cross tile edges; unset: <c>Render:BufferPx</c>.</summary>
    public int? Buffer { get; set; }
}
