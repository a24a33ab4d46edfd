namespace TileCluster.Storage.Caches;

/// <summary>One tier of a chain with its settings and counters.</summary>
internal sealed class TileCacheTier(CacheTierSettings settings, ITileCache cache)
{
    private long _hits;
    private long _misses;
    private long _errors;
    private long _skipped;

    public CacheTierSettings Settings { get; } = settings;

    public ITileCache Cache { get; } = cache;

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    public void Error() => Interlocked.Increment(ref _errors);

    public void Skipped() => Interlocked.Increment(ref _skipped);

    public TileCacheTierStatus Status() => new(
        Settings.Index,
        Settings.Kind,
        Interlocked.Read(ref _hits),
        Interlocked.Read(ref _misses),
        Interlocked.Read(ref _errors),
        Interlocked.Read(ref _skipped),
        Cache is GuardedTileCache guarded ? guarded.IsOpen : null,
        Cache is MemoryTileCache memory ? memory.Count : null,
        Cache is MemoryTileCache bytes ? bytes.Bytes : null,
        Settings.Chain);
}
