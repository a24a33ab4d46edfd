using Npgsql;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Metatiles;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>
/// A session-level PostgreSQL advisory lock on the metatile's 64-bit key hash, held on its own
/// pooled connection for the render's duration. If the process dies, PostgreSQL drops the
/// session and with it the lock, so a crash never leaves a metatile locked.
/// </summary>
internal sealed class PostgresRenderLock(NpgsqlDataSource dataSource) : IRenderLock
{
    public async ValueTask<IAsyncDisposable> AcquireAsync(MetatileKey key, CancellationToken cancellationToken)
    {
        long lockKey = unchecked((long)RendezvousPlacement.Hash(key));
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", lockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Lease(connection, lockKey);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Lease(NpgsqlConnection connection, long lockKey) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", lockKey);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The session is broken, and PostgreSQL released the lock with it; make sure the
                // connection is not reused.
                NpgsqlConnection.ClearPool(connection);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
