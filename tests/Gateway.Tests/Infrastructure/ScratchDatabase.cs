using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>
/// A writable copy of the imported sample for one test: <c>CREATE DATABASE … TEMPLATE
/// tilecluster_template</c> on the server of <c>TILECLUSTER_TEST_CONNECTION</c> (≈0.2 s for the
/// 26 MB import), dropped with <c>WITH (FORCE)</c> on dispose. Tests that change data (osm2pgsql
/// --append, replication) use this, never the shared <c>tilecluster_test</c>.
/// The template is set up by <c>./test.sh</c> / <c>scripts/setup.sh --for-tests</c>
/// (scripts/lib.sh <c>tc_ensure_template_db</c>) and named by <c>TILECLUSTER_TEMPLATE_DB</c>.
/// </summary>
internal sealed partial class ScratchDatabase : IAsyncDisposable
{
    private const string Prefix = "tc_scratch_";
    private static readonly SemaphoreSlim LeftoversGate = new(1, 1);
    private static bool _leftoversDropped;
    private readonly string _adminConnectionString;
    private int _disposed;

    private ScratchDatabase(string name, string connectionString, string adminConnectionString, TimeSpan createTime)
    {
        Name = name;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        CreateTime = createTime;
    }

    /// <summary>The template's name: <c>TILECLUSTER_TEMPLATE_DB</c>, else <c>tilecluster_template</c>.</summary>
    public static string TemplateName =>
        Environment.GetEnvironmentVariable("TILECLUSTER_TEMPLATE_DB") is { Length: > 0 } name ? name : "tilecluster_template";

    /// <summary>The database's name, <c>tc_scratch_{pid}_{guid}</c>.</summary>
    public string Name { get; }

    /// <summary>The test connection string with this database.</summary>
    public string ConnectionString { get; }

    /// <summary>How long <c>CREATE DATABASE … TEMPLATE</c> took.</summary>
    public TimeSpan CreateTime { get; }

    public static async Task<ScratchDatabase> CreateAsync(CancellationToken cancellationToken = default)
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
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using (var exists = new NpgsqlCommand("SELECT datistemplate FROM pg_database WHERE datname = $1", connection))
            {
                exists.Parameters.Add(new NpgsqlParameter { Value = template });
                if (await exists.ExecuteScalarAsync(cancellationToken) is not bool isTemplate)
                {
                    throw new InvalidOperationException(
                        $"template database {template} does not exist on {admin.Host}:{admin.Port}: run the tests through ./test.sh (or scripts/setup.sh --for-tests), which imports it");
                }

                if (!isTemplate)
                {
                    throw new InvalidOperationException($"database {template} is not marked as a template (ALTER DATABASE {template} IS_TEMPLATE true)");
                }
            }

            var clock = Stopwatch.StartNew();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection) { CommandTimeout = 120 };
            await create.ExecuteNonQueryAsync(cancellationToken);
            clock.Stop();
            test.Database = name;
            return new ScratchDatabase(name, test.ConnectionString, admin.ConnectionString, clock.Elapsed);
        }
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

        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection) { CommandTimeout = 120 };
        await drop.ExecuteNonQueryAsync();
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
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection) { CommandTimeout = 120 };
                    await drop.ExecuteNonQueryAsync(cancellationToken);
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

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^tc_scratch_([0-9]{1,9})_[0-9a-f]{32}$")]
    private static partial Regex ScratchName();
}
