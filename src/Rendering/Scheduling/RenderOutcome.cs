using TileCluster.Rendering;

using TileCluster.Storage;

namespace TileCluster.Rendering.Scheduling;

/// <summary>What the render pool did with a request. Expected outcomes are values, not exceptions.</summary>
/// <param name="Kind">Rendered, rejected (queue full) or failed.</param>
/// <param name="Tiles">The rendered tiles when <see cref="Kind"/> is <see cref="RenderOutcomeKind.Rendered"/>.</param>
/// <param name="Error">Why the render failed, for logs.</param>
public sealed record RenderOutcome(RenderOutcomeKind Kind, RenderedMetatile? Tiles, Exception? Error)
{
    public static readonly RenderOutcome Rejected = new(RenderOutcomeKind.Rejected, null, null);

    /// <summary>
    /// What an export job made when <see cref="Kind"/> is <see cref="RenderOutcomeKind.Rendered"/>:
    /// the encoded image (<c>byte[]</c>), the placed labels (<c>ExportLabel[]</c>) or a strip (<c>ExportStrip</c>).
    /// </summary>
    public object? Export { get; init; }
}
