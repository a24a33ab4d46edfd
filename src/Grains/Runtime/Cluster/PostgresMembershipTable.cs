using Npgsql;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>
/// The membership table in PostgreSQL (Orleans' ADO.NET clustering works the same way). Liveness
/// is judged by the database's clock, so silos with skewed clocks still agree on who is dead.
/// </summary>
internal sealed class PostgresMembershipTable(NpgsqlDataSource dataSource, string clusterId)
{
    // Serialises concurrent CREATE TABLE IF NOT EXISTS, which can otherwise race on pg_type.
    private const long SchemaLockKey = 0x54_43_4D_45_4D_42; // "TCMEMB"

    public async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", SchemaLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS tilecluster_silos (
                cluster_id   text NOT NULL,
                silo_id      text NOT NULL,
                endpoint     text NOT NULL,
                status       text NOT NULL CHECK (status IN ('joining', 'active', 'leaving')),
                started_at   timestamptz NOT NULL DEFAULT now(),
                heartbeat_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (cluster_id, silo_id))
            """,
            connection,
            transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Inserts or updates this silo's row with a fresh heartbeat.</summary>
    public async ValueTask UpsertAsync(string siloId, Uri endpoint, SiloState state, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO tilecluster_silos (cluster_id, silo_id, endpoint, status) VALUES (@cluster, @id, @endpoint, @status)
            ON CONFLICT (cluster_id, silo_id) DO UPDATE SET endpoint = excluded.endpoint, status = excluded.status, heartbeat_at = now()
            """);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("id", siloId);
        command.Parameters.AddWithValue("endpoint", endpoint.ToString());
        command.Parameters.AddWithValue("status", Name(state));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DeleteAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM tilecluster_silos WHERE cluster_id = @cluster AND silo_id = @id");
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("id", siloId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every row; a row whose heartbeat is older than <paramref name="deadAfter"/> reads as dead.</summary>
    public async ValueTask<IReadOnlyList<SiloInfo>> ReadAllAsync(TimeSpan deadAfter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT silo_id, endpoint, status, heartbeat_at < now() - @dead FROM tilecluster_silos WHERE cluster_id = @cluster ORDER BY silo_id");
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("dead", deadAfter);
        var silos = new List<SiloInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = reader.GetBoolean(3) ? SiloState.Dead : Parse(reader.GetString(2));
            silos.Add(new SiloInfo(reader.GetString(0), new Uri(reader.GetString(1)), state));
        }

        return silos;
    }

    /// <summary>Removes rows dead for longer than <paramref name="olderThan"/>, so the table does not grow with pod churn.</summary>
    public async ValueTask<int> PruneAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM tilecluster_silos WHERE cluster_id = @cluster AND heartbeat_at < now() - @age");
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("age", olderThan);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Name(SiloState state) => state switch
    {
        SiloState.Joining => "joining",
        SiloState.Active => "active",
        SiloState.Leaving => "leaving",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "dead is derived from the heartbeat, never stored"),
    };

    private static SiloState Parse(string status) => status switch
    {
        "joining" => SiloState.Joining,
        "active" => SiloState.Active,
        _ => SiloState.Leaving,
    };
}
