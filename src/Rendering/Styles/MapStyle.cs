using System.Collections.Immutable;
using TileCluster.Rendering;
using TileCluster.Rendering.Imaging;

namespace TileCluster.Rendering.Styles;

/// <summary>A loaded, validated, immutable map style.</summary>
/// <param name="Name">The style's name.</param>
/// <param name="Background">Colour painted before the first layer (land).</param>
/// <param name="Format">Tile encoding.</param>
/// <param name="FontSets">The label font sets by name.</param>
/// <param name="Layers">Layers in drawing order.</param>
internal sealed record MapStyle(string Name, Rgba Background, TileImageFormat Format, ImmutableDictionary<string, FontSet> FontSets, ImmutableArray<StyleLayer> Layers)
{
    /// <summary>
    /// The first font set the style declares (text rules without a <c>font</c> use it, and so does an
    /// export's attribution), or null when it declares none. <see cref="FontSets"/> has no order.
    /// </summary>
    public FontSet? DefaultFontSet { get; init; }

    /// <summary>zlib level of PNG tiles (a layer's <c>Png:Compression</c>).</summary>
    public int PngCompression { get; init; } = PngEncoder.DefaultCompressionLevel;

    /// <summary>Quality 1-100 of JPEG and WebP tiles (a layer's <c>Jpeg:Quality</c> or <c>Webp:Quality</c>).</summary>
    public int Quality { get; init; } = 85;

    /// <summary>Whether JPEG tiles are progressive (a layer's <c>Jpeg:Progressive</c>).</summary>
    public bool Progressive { get; init; }
}
