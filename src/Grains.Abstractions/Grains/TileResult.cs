namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>What a metatile grain answers for one tile. Expected outcomes are values, not exceptions.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Bytes">The encoded PNG when <see cref="Status"/> is <see cref="TileStatus.Ok"/>; empty otherwise.</param>
/// <param name="ETag">A strong validator derived from the tile bytes (quoted).</param>
/// <param name="LastModified">When the metatile holding this tile was rendered.</param>
/// <param name="Dirty">The tile is stale and a re-render is pending: cache it briefly.</param>
/// <param name="RetryAfter">For <see cref="TileStatus.Overloaded"/> and <see cref="TileStatus.Unavailable"/>: when to retry.</param>
/// <param name="Detail">For the pass-through failures: what the source did, for the problem body.</param>
[GenerateSerializer]
[Immutable]
public sealed record TileResult(
    TileStatus Status,
    byte[] Bytes,
    string ETag,
    DateTimeOffset LastModified,
    bool Dirty,
    TimeSpan RetryAfter,
    string? Detail = null)
{
    /// <summary>A successful answer.</summary>
    public static TileResult Ok(byte[] bytes, string etag, DateTimeOffset lastModified, bool dirty) =>
        new(TileStatus.Ok, bytes, etag, lastModified, dirty, TimeSpan.Zero);

    /// <summary>The render queue is full; the caller should retry later.</summary>
    public static TileResult Overloaded(TimeSpan retryAfter) =>
        new(TileStatus.Overloaded, [], string.Empty, default, false, retryAfter);

    /// <summary>A pass-through source failed or has no such tile (<see cref="TileStatus.NotFound"/>, <see cref="TileStatus.UpstreamFailed"/>, <see cref="TileStatus.UpstreamTimedOut"/>).</summary>
    public static TileResult Failed(TileStatus status, string detail) =>
        new(status, [], string.Empty, default, false, TimeSpan.Zero, detail);

    /// <summary>The tile could not be produced now (database down, render failed).</summary>
    public static TileResult Unavailable(TimeSpan retryAfter) =>
        new(TileStatus.Unavailable, [], string.Empty, default, false, retryAfter);
}
