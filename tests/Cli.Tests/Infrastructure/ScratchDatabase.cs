using System.Diagnostics;
using Npgsql;

namespace TileCluster.Cli.Tests.Infrastructure;

/// <summary>
/// A database of the test's own on the test PostGIS server, with the Liechtenstein sample
/// imported by the real osm2pgsql (--slim --create, default.style, as scripts/lib.sh does).
/// Dropped when disposed. The shared test databases are never written to.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _admin;

    private ScratchDatabase(NpgsqlConnectionStringBuilder admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>Npgsql form, as <c>tilecluster replicate --database</c> takes it.</summary>
    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync()
    {
        // The test server is shared with other test runs that may briefly hold every connection
        // slot; wait for one rather than fail (up to three minutes).
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            try
            {
                return await TryCreateAsync();
            }
            catch (Exception e) when (IsTooManyClients(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static async Task<ScratchDatabase> TryCreateAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(RepositoryPaths.TestConnectionString) { Database = "postgres", Pooling = false };
        var db = new ScratchDatabase(admin, "cli_test_" + Guid.NewGuid().ToString("N")[..12]);
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {db.Name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await db.ExecuteAsync("CREATE EXTENSION postgis");
            await db.ImportSampleAsync();
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        return db;
    }

    private static bool IsTooManyClients(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.TooManyConnections }
        || e.Message.Contains("too many clients", StringComparison.Ordinal);

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                await DropAsync();
                return;
            }
            catch (Exception e) when (IsTooManyClients(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private async Task DropAsync()
    {
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task ImportSampleAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var start = new ProcessStartInfo("osm2pgsql")
        {
            ArgumentList =
            {
                "--slim", "--create", "-S", RepositoryPaths.OsmStyle, "--number-processes", "1",
                "-H", builder.Host!, "-P", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", builder.Username!, "-d", Name, RepositoryPaths.SamplePbf,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(builder.Password))
        {
            start.Environment["PGPASSWORD"] = builder.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start osm2pgsql");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"osm2pgsql import into {Name} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
