using Npgsql;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Metatiles;
using TileCluster.Tests.Shared;

namespace TileCluster.Grains.Tests.Metatiles;

/// <summary>
/// The render lock against the real PostgreSQL: what keeps renders of a metatile one at a time
/// when membership churn briefly gives it two activations on two silos (two lock sessions).
/// </summary>
public sealed class PostgresRenderLockTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Acquire_HeldBySecondSilo_WaitsUntilReleased()
    {
        await using var silos = new TwoSilos();
        var (siloA, siloB) = (silos.A, silos.B);
        var key = new MetatileKey($"lock-{Guid.NewGuid():N}", 1, MetatileCoord.Containing(TileCoord.Create(12, 2152, 1438)));

        var leaseA = await siloA.AcquireAsync(key, Never, Cancel);
        Assert.NotNull(leaseA);
        var waiting = siloB.AcquireAsync(key, Never, Cancel).AsTask();
        await Task.Delay(500, Cancel);
        Assert.False(waiting.IsCompleted, "a second silo took a lock the first one holds");

        await leaseA.DisposeAsync();
        var leaseB = await waiting.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        Assert.NotNull(leaseB);
        await leaseB.DisposeAsync();
    }

    [Fact]
    public async Task Acquire_HeldBeyondTheStaleLockTimeout_GivesUpSoTheCallerRendersAnyway()
    {
        await using var silos = new TwoSilos();
        var key = new MetatileKey($"lock-{Guid.NewGuid():N}", 1, MetatileCoord.Containing(TileCoord.Create(12, 2152, 1438)));

        await using var leaseA = await silos.A.AcquireAsync(key, Never, Cancel);
        Assert.NotNull(leaseA);
        Assert.Null(await silos.B.AcquireAsync(key, TimeSpan.FromMilliseconds(300), Cancel));

        // The holder's lock is untouched: a third try with a long timeout still waits.
        var waiting = silos.B.AcquireAsync(key, Never, Cancel).AsTask();
        await Task.Delay(300, Cancel);
        Assert.False(waiting.IsCompleted, "the stale holder's lock was taken from it");
        await leaseA.DisposeAsync();
        await using var leaseB = await waiting.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        Assert.NotNull(leaseB);
    }

    [Fact]
    public async Task Acquire_OtherMetatile_DoesNotWait()
    {
        await using var silos = new TwoSilos();
        var (siloA, siloB) = (silos.A, silos.B);
        string style = $"lock-{Guid.NewGuid():N}";

        await using var leaseA = await siloA.AcquireAsync(new MetatileKey(style, 1, MetatileCoord.Containing(TileCoord.Create(12, 2152, 1438))), Never, Cancel);
        await using var leaseB = await siloB.AcquireAsync(new MetatileKey(style, 1, MetatileCoord.Containing(TileCoord.Create(12, 2160, 1438))), Never, Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(2), Cancel);
    }

    /// <summary>The render locks of two silos: two pools, so two PostgreSQL sessions.</summary>
    private sealed class TwoSilos : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _sourceA = NpgsqlDataSource.Create(RepositoryPaths.TestConnectionString);
        private readonly NpgsqlDataSource _sourceB = NpgsqlDataSource.Create(RepositoryPaths.TestConnectionString);

        public TwoSilos() => (A, B) = (new PostgresRenderLock(_sourceA, TimeProvider.System), new PostgresRenderLock(_sourceB, TimeProvider.System));

        public PostgresRenderLock A { get; }

        public PostgresRenderLock B { get; }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            await _sourceA.DisposeAsync();
            await _sourceB.DisposeAsync();
        }
    }
}
