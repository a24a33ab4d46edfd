namespace TileCluster.Rendering.Scheduling;

/// <summary>Render priorities, most urgent first. Lower value wins.</summary>
public enum RenderPriority
{
    /// <summary>A client is waiting on a missing tile.</summary>
    Interactive = 0,

    /// <summary>An expired metatile at a hot zoom.</summary>
    ExpiredHot = 1,

    /// <summary>An expired metatile at another zoom, re-rendered on request.</summary>
    ExpiredCold = 2,

    /// <summary>Seeding and export jobs.</summary>
    Bulk = 3,
}
