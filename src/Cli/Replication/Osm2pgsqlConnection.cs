using System.Globalization;
using Npgsql;

namespace TileCluster.Cli.Replication;

/// <summary>
/// An Npgsql connection string turned into osm2pgsql's <c>-H -P -U -d</c> arguments and, when it
/// has a password, the <c>PGPASSWORD</c> variable (so the password never shows in a process list).
/// </summary>
public sealed class Osm2pgsqlConnection
{
    private Osm2pgsqlConnection(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string display)
    {
        Arguments = arguments;
        Environment = environment;
        Display = display;
    }

    /// <summary>The arguments, in order: -H host -P port -U user -d database (those given).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Variables for osm2pgsql's environment: PGPASSWORD, and PGSSLMODE when an SSL mode was asked for.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>user@host:port/database, without the password, for logs.</summary>
    public string Display { get; }

    /// <summary>Parses <paramref name="connectionString"/>; the error names the problem.</summary>
    public static bool TryParse(string connectionString, out Osm2pgsqlConnection? connection, out string? error)
    {
        connection = null;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            error = $"not a valid connection string: {e.Message}";
            return false;
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            error = "the connection string names no Database (e.g. Host=127.0.0.1;Port=5432;Username=osm;Database=gis)";
            return false;
        }

        if (builder.Host is { } h && h.Contains(',', StringComparison.Ordinal))
        {
            error = $"Host '{h}' lists several hosts; osm2pgsql takes one";
            return false;
        }

        var arguments = new List<string>();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(builder.Host))
        {
            arguments.AddRange(["-H", builder.Host]);
        }

        // Npgsql's builder reports 5432 when no port was given; osm2pgsql defaults to the same.
        arguments.AddRange(["-P", builder.Port.ToString(CultureInfo.InvariantCulture)]);
        if (!string.IsNullOrWhiteSpace(builder.Username))
        {
            arguments.AddRange(["-U", builder.Username]);
        }

        arguments.AddRange(["-d", builder.Database]);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            environment["PGPASSWORD"] = builder.Password;
        }

        if (builder.SslMode != SslMode.Prefer)
        {
            environment["PGSSLMODE"] = builder.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            };
        }

        string display = string.Create(CultureInfo.InvariantCulture, $"{builder.Username ?? "(user from the environment)"}@{builder.Host ?? "(local socket)"}:{builder.Port}/{builder.Database}");
        connection = new Osm2pgsqlConnection(arguments, environment, display);
        error = null;
        return true;
    }
}
