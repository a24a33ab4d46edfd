namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary><c>Layers:{name}:Webp</c>: WebP encoding of a style layer whose <c>Provider:Format</c> is <c>webp</c>.</summary>
public sealed class LayerWebpOptions
{
    /// <summary>The default quality.</summary>
    public const int DefaultQuality = 80;

    /// <summary>Lossy quality, 1 (smallest) to 100 (best).</summary>
    public int Quality { get; set; } = DefaultQuality;
}
