namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary><c>Layers:{name}:Jpeg</c>: JPEG encoding of a style layer whose <c>Provider:Format</c> is <c>jpeg</c> (TileStache's <c>jpeg options</c>).</summary>
public sealed class LayerJpegOptions
{
    /// <summary>The default quality.</summary>
    public const int DefaultQuality = 85;

    /// <summary>Quality, 1 (smallest) to 100 (best).</summary>
    public int Quality { get; set; } = DefaultQuality;

    /// <summary>
    /// Progressive JPEG. Refused at start-up when true: Skia's JPEG encoder, which renders the
    /// tiles, writes baseline JPEG only. The key exists so a TileStache configuration that asks
    /// for it is told so rather than silently ignored.
    /// </summary>
    public bool Progressive { get; set; }
}
