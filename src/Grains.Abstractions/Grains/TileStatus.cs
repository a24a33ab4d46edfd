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

    /// <summary>A layer's upstream server (a <c>url</c> layer's) failed or answered no usable image: answer 502.</summary>
    UpstreamFailed,

    /// <summary>A layer's upstream server did not answer in time: answer 504.</summary>
    UpstreamTimedOut,
}
