namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>What expiring one metatile did.</summary>
[GenerateSerializer]
public enum ExpireOutcome
{
    /// <summary>Nothing was stored, so nothing was marked and nothing will be rendered.</summary>
    NotStored,

    /// <summary>Marked dirty; it re-renders on its next request (a cold zoom).</summary>
    Dirtied,

    /// <summary>Marked dirty and a re-render was started (a hot zoom).</summary>
    Refreshing,
}
