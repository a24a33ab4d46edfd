namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary><c>Layers:{name}:Jpeg</c>: JPEG encoding of a style layer whose <c>Provider:Format</c> is <c>jpeg</c> (TileStache's <c>jpeg options</c>).</summary>
public sealed class LayerJpegOptions
{
    /// <summary>The default quality.</summary>
    public const int DefaultQuality = 85;

    /// <summary>Quality, 1 (smallest) to 100 (best).</summary>
    public int Quality { get; set; } = DefaultQuality;

    /// <summary>
    /// Progressive JPEG: Skia's baseline tiles are re-coded into progressive scans (DC first, then
    /// the AC bands) with the same coefficients, so browsers show a blurred tile first.
    /// </summary>
    public bool Progressive { get; set; }
}
