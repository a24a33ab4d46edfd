namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>
/// What a job does, as validated by the gateway: a style, a WGS84 box, a zoom range, a kind and
/// (for exports) the outputs in the order they are produced.
/// </summary>
/// <param name="Style">A configured style's URL name.</param>
/// <param name="West">West edge, degrees.</param>
/// <param name="South">South edge, degrees.</param>
/// <param name="East">East edge, degrees.</param>
/// <param name="North">North edge, degrees.</param>
/// <param name="MinZoom">Lowest zoom, inside the style's range.</param>
/// <param name="MaxZoom">Highest zoom, at least <paramref name="MinZoom"/>.</param>
/// <param name="Kind">Seed or export.</param>
/// <param name="Outputs">The outputs of an export, in order; empty for a seed job.</param>
/// <param name="Name">An optional label.</param>
[GenerateSerializer]
[Immutable]
public sealed record JobSpec(
    string Style,
    double West,
    double South,
    double East,
    double North,
    int MinZoom,
    int MaxZoom,
    JobKind Kind,
    JobOutputKind[] Outputs,
    string? Name)
{
    /// <summary>Whether the job renders metatiles: a seed, or an export with a tile output.</summary>
    public bool RendersTiles => Kind == JobKind.Seed || Outputs.Any(JobOutputKinds.NeedsTileTree);

    /// <summary>Whether the job writes its tiles into its own tile tree (an export with a tile output).</summary>
    public bool WritesTileTree => Kind == JobKind.Export && Outputs.Any(JobOutputKinds.NeedsTileTree);
}
