namespace TileCluster.Storage.S3;

/// <summary>
/// A change S3 has yet to take for one metatile; only the newest per metatile is kept, since it
/// supersedes the others (a new render replaces a dirty mark, a deletion replaces both).
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Meta">The whole <c>.meta</c> file for <see cref="S3PendingKind.Put"/>; empty otherwise.</param>
/// <param name="Mtime">The render time to store for <see cref="S3PendingKind.Put"/>.</param>
/// <param name="Dirty">For <see cref="S3PendingKind.Put"/>: the metatile was marked dirty while its upload waited.</param>
internal sealed record S3PendingWrite(S3PendingKind Kind, byte[] Meta, DateTimeOffset Mtime, bool Dirty)
{
    public static S3PendingWrite Put(byte[] meta, DateTimeOffset mtime) => new(S3PendingKind.Put, meta, mtime, Dirty: false);

    public static S3PendingWrite MarkDirty() => new(S3PendingKind.MarkDirty, [], default, Dirty: true);

    public static S3PendingWrite Delete() => new(S3PendingKind.Delete, [], default, Dirty: false);
}
