namespace TileCluster.Rendering.Scheduling;

/// <summary>How a render request ended.</summary>
public enum RenderOutcomeKind
{
    /// <summary>The metatile was rendered.</summary>
    Rendered,

    /// <summary>The queue was full (or the job was evicted by more urgent work).</summary>
    Rejected,

    /// <summary>Not rendered: another silo stored the metatile while this one waited for the render lock.</summary>
    StoredElsewhere,

    /// <summary>The renderer threw (for example the database is unreachable).</summary>
    Failed,
}
