using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace TileCluster.Tests.Shared;

/// <summary>
/// A writable database of one test's own, on the server of <c>TILECLUSTER_TEST_CONNECTION</c>,
/// holding the Liechtenstein sample as <c>osm2pgsql --slim --create</c> imported it. Tests that
/// change data (osm2pgsql --append, replication) use this, never the shared <c>tilecluster_test</c>.
/// It is a copy of the template database (<c>CREATE DATABASE … TEMPLATE tilecluster_template</c>,
/// ≈0.2 s for the 26 MB import) when the set-up made one, else imported here by the real
/// osm2pgsql (much slower). The template is set up by <c>./test.sh</c> / <c>scripts/setup.sh
/// --for-tests</c> (scripts/lib.sh <c>tc_ensure_template_db</c>) and named by
/// <c>TILECLUSTER_TEMPLATE_DB</c>. Dropped <c>WITH (FORCE)</c> on dispose; leftovers of test
/// runs that were killed are dropped by the next.
/// </summary>
internal sealed partial class ScratchDatabase : IAsyncDisposable
{
    private const string Prefix = "tc_scratch_";

    // The test server is shared with other test runs that may briefly hold every connection
    // slot: wait that long for one rather than fail.
    private static readonly TimeSpan CreatePatience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan DropPatience = TimeSpan.FromMinutes(1);

    private static readonly SemaphoreSlim LeftoversGate = new(1, 1);
    private static bool _leftoversDropped;
    private readonly string _adminConnectionString;
    private int _disposed;

    private ScratchDatabase(string name, string connectionString, string adminConnectionString, string? template)
    {
        Name = name;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        Template = template;
    }

    /// <summary>The template's name: <c>TILECLUSTER_TEMPLATE_DB</c>, else <c>tilecluster_template</c>.</summary>
    public static string TemplateName =>
        Environment.GetEnvironmentVariable("TILECLUSTER_TEMPLATE_DB") is { Length: > 0 } name ? name : "tilecluster_template";

    /// <summary>The database's name, <c>tc_scratch_{pid}_{guid}</c>.</summary>
    public string Name { get; }

    /// <summary>The test connection string with this database (Npgsql form, as <c>tilecluster replicate --database</c> takes it).</summary>
    public string ConnectionString { get; }

    /// <summary>The template this database is a copy of; null when the sample was imported into it.</summary>
    public string? Template { get; }

    /// <summary>How long creating it took: <c>CREATE DATABASE … TEMPLATE</c>, or the import.</summary>
    public TimeSpan CreateTime { get; private set; }

    public static async Task<ScratchDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + CreatePatience;
        while (true)
        {
            try
            {
                return await TryCreateAsync(cancellationToken);
            }
            catch (Exception e) when (IsTooManyClients(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    /// <summary>Runs a query of one number (<c>SELECT count(*) …</c>) on this database.</summary>
    public async Task<long> CountAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Pooled connections of this test would otherwise linger until FORCE kills them.
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var deadline = DateTime.UtcNow + DropPatience;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync();
                await DropAsync(connection, Name, CancellationToken.None);
                return;
            }
            catch (Exception e) when (IsTooManyClients(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static async Task<ScratchDatabase> TryCreateAsync(CancellationToken cancellationToken)
    {
        string template = TemplateName;
        if (!SafeName().IsMatch(template))
        {
            throw new InvalidOperationException($"TILECLUSTER_TEMPLATE_DB '{template}' is not a plain database name ([a-z_][a-z0-9_]*)");
        }

        var test = new NpgsqlConnectionStringBuilder(RepositoryPaths.TestConnectionString);
        var admin = new NpgsqlConnectionStringBuilder(test.ConnectionString) { Database = "postgres", Pooling = false };
        await DropLeftoversAsync(admin, cancellationToken);

        string name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}_{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        bool copy;
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            copy = await TemplateExistsAsync(connection, template, cancellationToken);
            string sql = copy ? $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"" : $"CREATE DATABASE \"{name}\"";
            await using var create = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        test.Database = name;
        var db = new ScratchDatabase(name, test.ConnectionString, admin.ConnectionString, copy ? template : null);
        if (!copy)
        {
            try
            {
                await db.ExecuteAsync("CREATE EXTENSION postgis", cancellationToken);
                await Osm2pgsql.ImportSampleAsync(db.ConnectionString, cancellationToken);
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        db.CreateTime = clock.Elapsed;
        return db;
    }

    // Whether the set-up made the template (copying it is far faster than importing); one that
    // exists but is not marked a template is a set-up error.
    private static async Task<bool> TemplateExistsAsync(NpgsqlConnection admin, string template, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT datistemplate FROM pg_database WHERE datname = $1", admin);
        exists.Parameters.Add(new NpgsqlParameter { Value = template });
        return await exists.ExecuteScalarAsync(cancellationToken) switch
        {
            null => false,
            true => true,
            _ => throw new InvalidOperationException($"database {template} is not marked as a template (ALTER DATABASE {template} IS_TEMPLATE true)"),
        };
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DropAsync(NpgsqlConnection admin, string name, CancellationToken cancellationToken)
    {
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin) { CommandTimeout = 120 };
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Once per test process: drops scratch databases whose test process is gone (killed runs),
    /// only when the server is on this machine, where the process ids in the names mean something.
    /// </summary>
    private static async Task DropLeftoversAsync(NpgsqlConnectionStringBuilder admin, CancellationToken cancellationToken)
    {
        if (admin.Host is not ("127.0.0.1" or "localhost" or "::1") && admin.Host?.StartsWith('/') != true)
        {
            return;
        }

        await LeftoversGate.WaitAsync(cancellationToken);
        try
        {
            if (_leftoversDropped)
            {
                return;
            }

            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            var names = new List<string>();
            await using (var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", connection))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    names.Add(reader.GetString(0));
                }
            }

            foreach (string name in names)
            {
                var match = ScratchName().Match(name);
                if (match.Success && !IsRunning(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)))
                {
                    await DropAsync(connection, name, cancellationToken);
                }
            }

            _leftoversDropped = true;
        }
        finally
        {
            LeftoversGate.Release();
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsTooManyClients(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.TooManyConnections }
        || e.Message.Contains("too many clients", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^tc_scratch_([0-9]{1,9})_[0-9a-f]{32}$")]
    private static partial Regex ScratchName();
}
