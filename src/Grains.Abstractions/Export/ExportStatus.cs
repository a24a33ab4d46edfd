namespace TileCluster.Grains.Abstractions.Export;

/// <summary>How an export ended.</summary>
public enum ExportStatus
{
    /// <summary>The image was rendered and encoded.</summary>
    Ok = 0,

    /// <summary>The silo's render queue is full of more urgent work; retry later.</summary>
    Overloaded = 1,

    /// <summary>The render failed (database unavailable); retry later.</summary>
    Unavailable = 2,
}
