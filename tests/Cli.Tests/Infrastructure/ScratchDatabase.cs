using System.Diagnostics;
using Npgsql;

namespace TileCluster.Cli.Tests.Infrastructure;

/// <summary>
/// A database of the test's own on the test PostGIS server holding the Liechtenstein sample as
/// osm2pgsql --slim --create imported it: a copy of the template <c>TILECLUSTER_TEMPLATE_DB</c>
/// when the set-up provides one, else imported here by the real osm2pgsql (default.style, as
/// scripts/lib.sh does). Dropped when disposed; leftovers of test runs that died are dropped by
/// the next. The shared test databases are never written to.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private const string Prefix = "cli_test_";
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
        var db = new ScratchDatabase(admin, $"{Prefix}{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..12]}");
        string? template;
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await DropLeftoversAsync(connection);
            template = await TemplateAsync(connection);
            await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {db.Name}" : $"CREATE DATABASE {db.Name} TEMPLATE {template}", connection);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            if (template is null)
            {
                await db.ExecuteAsync("CREATE EXTENSION postgis");
                await db.ImportSampleAsync();
            }
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        return db;
    }

    // The set-up's template of the sample import, if there is one (copying it is faster than importing).
    private static async Task<string?> TemplateAsync(NpgsqlConnection admin)
    {
        if (Environment.GetEnvironmentVariable("TILECLUSTER_TEMPLATE_DB") is not { Length: > 0 } name
            || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]*$"))
        {
            return null;
        }

        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = name } } };
        return Convert.ToInt64(await exists.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1 ? name : null;
    }

    // Databases of test processes that no longer run (killed before they could drop theirs).
    private static async Task DropLeftoversAsync(NpgsqlConnection admin)
    {
        var names = new List<string>();
        await using (var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", admin))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (string name in names)
        {
            string[] parts = name[Prefix.Length..].Split('_');
            if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out int pid) && !Directory.Exists($"/proc/{pid}"))
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
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
