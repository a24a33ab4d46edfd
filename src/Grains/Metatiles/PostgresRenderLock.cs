using Npgsql;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Abstractions.Placement;

namespace TileCluster.Grains.Metatiles;

/// <summary>
/// Session-level PostgreSQL advisory locks on metatiles' 64-bit key hashes, all held on one
/// connection per silo: a queued render costs no connection of its own, so a long render queue
/// cannot exhaust the server's connection slots. Locks are taken with
/// <c>pg_try_advisory_lock</c>; a key held by another silo (views disagree, rarely) is polled
/// until it is free, or until the layer's stale lock timeout has passed. If the process dies or the session breaks, PostgreSQL drops the session's
/// locks, so a crash never leaves a metatile locked.
/// </summary>
internal sealed class PostgresRenderLock(NpgsqlDataSource dataSource, TimeProvider time) : IRenderLock, IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _session;
    private long _epoch;

    public async ValueTask<IAsyncDisposable?> AcquireAsync(MetatileKey key, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        long lockKey = unchecked((long)Rendezvous.Hash(key));
        long start = time.GetTimestamp();
        while (true)
        {
            var (acquired, epoch) = await TryLockAsync(lockKey, cancellationToken);
            if (acquired)
            {
                return new Lease(this, lockKey, epoch);
            }

            if (time.GetElapsedTime(start) >= staleAfter)
            {
                return null;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task<(bool Acquired, long Epoch)> TryLockAsync(long lockKey, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_session is null)
            {
                _session = await dataSource.OpenConnectionAsync(cancellationToken);
                _epoch++;
            }

            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _session);
                command.Parameters.AddWithValue("key", lockKey);
                return ((bool)(await command.ExecuteScalarAsync(cancellationToken))!, _epoch);
            }
            catch (NpgsqlException)
            {
                await DropSessionAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask ReleaseAsync(long lockKey, long epoch)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            // A session lost since the lock was taken released it with itself.
            if (_session is null || epoch != _epoch)
            {
                return;
            }

            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _session);
            command.Parameters.AddWithValue("key", lockKey);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            await DropSessionAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    // Called under the gate. The broken session took its locks with it; make sure it is not reused.
    private async ValueTask DropSessionAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            NpgsqlConnection.ClearPool(session);
            await session.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        _gate.Dispose();
    }

    private sealed class Lease(PostgresRenderLock owner, long lockKey, long epoch) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => owner.ReleaseAsync(lockKey, epoch);
    }
}
