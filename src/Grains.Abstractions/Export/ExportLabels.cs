namespace TileCluster.Grains.Abstractions.Export;

/// <summary>What <c>IExportGrain.PlaceLabelsAsync</c> answers: the labels of a whole export image, or why not.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Labels">The placed labels, in drawing order, when <see cref="Status"/> is <see cref="ExportStatus.Ok"/>.</param>
/// <param name="RetryAfter">When to retry an overloaded or unavailable export.</param>
[GenerateSerializer]
[Immutable]
public sealed record ExportLabels(ExportStatus Status, ExportLabel[] Labels, TimeSpan RetryAfter)
{
    /// <summary>Placed labels.</summary>
    public static ExportLabels Ok(ExportLabel[] labels) => new(ExportStatus.Ok, labels, TimeSpan.Zero);

    /// <summary>Not placed: the queue was full or the render failed.</summary>
    public static ExportLabels Failed(ExportStatus status, TimeSpan retryAfter) => new(status, [], retryAfter);
}
