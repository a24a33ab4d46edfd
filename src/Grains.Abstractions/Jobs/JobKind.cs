namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>What a job is for.</summary>
public enum JobKind
{
    /// <summary>Fill the tile store over the bbox and zooms (like <c>render_list</c>); no outputs.</summary>
    Seed = 0,

    /// <summary>Produce the spec's outputs (tile trees, MBTiles, zip, per-zoom images).</summary>
    Export = 1,
}
