namespace TileCluster.Storage;

/// <summary>A tile read from the store.</summary>
/// <param name="Bytes">The encoded tile.</param>
/// <param name="LastModified">The metatile file's modification time.</param>
/// <param name="Dirty">The metatile was expired: mod_tile marks this by moving its mtime into the past.</param>
public sealed record StoredTile(byte[] Bytes, DateTimeOffset LastModified, bool Dirty);
