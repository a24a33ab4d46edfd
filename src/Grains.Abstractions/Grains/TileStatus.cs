namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>The outcome of asking a grain for a tile.</summary>
[GenerateSerializer]
public enum TileStatus
{
    /// <summary>The tile bytes are in the result.</summary>
    Ok,

    /// <summary>The render queue is full: answer 503 with Retry-After.</summary>
    Overloaded,

    /// <summary>Rendering failed or its data source is unreachable: answer 503 with Retry-After.</summary>
    Unavailable,

    /// <summary>A pass-through source has no such tile (an MBTiles row missing, an upstream 404): answer 404.</summary>
    NotFound,

    /// <summary>A proxy's upstream answered an error or something that is not a tile: answer 502.</summary>
    UpstreamFailed,

    /// <summary>A proxy's upstream did not answer in time on any attempt: answer 504.</summary>
    UpstreamTimedOut,
}
