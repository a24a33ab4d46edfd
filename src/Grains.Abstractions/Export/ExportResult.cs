namespace TileCluster.Grains.Abstractions.Export;

/// <summary>What an export grain answers. Expected outcomes are values, not exceptions.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Bytes">The encoded image when <see cref="Status"/> is <see cref="ExportStatus.Ok"/>; empty otherwise.</param>
/// <param name="RetryAfter">When to retry an overloaded or unavailable export.</param>
[GenerateSerializer]
[Immutable]
public sealed record ExportResult(ExportStatus Status, byte[] Bytes, TimeSpan RetryAfter)
{
    /// <summary>A rendered image.</summary>
    public static ExportResult Ok(byte[] bytes) => new(ExportStatus.Ok, bytes, TimeSpan.Zero);

    /// <summary>The render queue was full.</summary>
    public static ExportResult Overloaded(TimeSpan retryAfter) => new(ExportStatus.Overloaded, [], retryAfter);

    /// <summary>The render failed.</summary>
    public static ExportResult Unavailable(TimeSpan retryAfter) => new(ExportStatus.Unavailable, [], retryAfter);
}
