using System.Globalization;

namespace TileCluster.Storage.Caches;

/// <summary>A tile as the caches hold it: its bytes and the validators its responses carry.</summary>
public sealed class CachedTile(byte[] bytes, string etag, DateTimeOffset lastModified)
{
    /// <summary>The encoded tile.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>The quoted ETag, as the grain made it.</summary>
    public string ETag { get; } = etag;

    /// <summary>When the tile was rendered.</summary>
    public DateTimeOffset LastModified { get; } = lastModified;

    /// <summary>The Last-Modified header value, formatted once rather than on every hit.</summary>
    public string LastModifiedHeader { get; } = lastModified.ToString("R", CultureInfo.InvariantCulture);
}
