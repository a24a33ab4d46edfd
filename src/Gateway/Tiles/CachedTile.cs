using System.Globalization;

namespace TileCluster.Gateway.Tiles;

/// <summary>A tile held in the gateway's hot cache.</summary>
internal sealed class CachedTile(byte[] bytes, string etag, DateTimeOffset lastModified, long expiresAtTicks)
{
    public byte[] Bytes { get; } = bytes;

    public string ETag { get; } = etag;

    public DateTimeOffset LastModified { get; } = lastModified;

    /// <summary>The Last-Modified header value, formatted once rather than on every hit.</summary>
    public string LastModifiedHeader { get; } = lastModified.ToString("R", CultureInfo.InvariantCulture);

    public long ExpiresAtTicks { get; } = expiresAtTicks;

    /// <summary>Second-chance bit for eviction: set on every hit, cleared when the sweep passes.</summary>
    public volatile bool Referenced;
}
