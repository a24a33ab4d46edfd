namespace TileCluster.Storage.S3;

/// <summary>A metatile object read from the bucket.</summary>
/// <param name="Bytes">The whole <c>.meta</c> file.</param>
/// <param name="Mtime">Its mod_tile mtime: when it was rendered, or <see cref="DirtyRule.ExpiredMtime"/> while it carries a dirty mark.</param>
internal sealed record S3Metatile(byte[] Bytes, DateTimeOffset Mtime);
