namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary><c>Layers:{name}:Png</c>: PNG encoding (TileStache's <c>png options</c>).</summary>
public sealed class LayerPngOptions
{
    /// <summary>
    /// True: 8-bit palette PNGs (one libimagequant palette per metatile); false: 24-bit RGB.
    /// Unset: the style's <c>format</c> (<c>png256</c> or <c>png32</c>) decides.
    /// </summary>
    public bool? Palette256 { get; set; }

    /// <summary>zlib compression level, 0 (none, fastest) to 9 (smallest); unset: 6.</summary>
    public int? Compression { get; set; }
}
