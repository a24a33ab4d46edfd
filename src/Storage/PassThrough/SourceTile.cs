using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Storage.PassThrough;

/// <summary>What a pass-through source answered for one tile.</summary>
/// <param name="Status"><see cref="TileStatus.Ok"/> with the tile, or <see cref="TileStatus.NotFound"/>, <see cref="TileStatus.UpstreamFailed"/>, <see cref="TileStatus.UpstreamTimedOut"/>.</param>
/// <param name="Bytes">The tile, checked to be of the layer's format; empty unless Ok.</param>
/// <param name="Detail">For a failure: what the source did, for the problem body and the log.</param>
public sealed record SourceTile(TileStatus Status, byte[] Bytes, string? Detail)
{
    /// <summary>A tile.</summary>
    public static SourceTile Ok(byte[] bytes) => new(TileStatus.Ok, bytes, null);

    /// <summary>No tile, for the reason in <paramref name="detail"/>.</summary>
    public static SourceTile Failed(TileStatus status, string detail) => new(status, [], detail);
}
