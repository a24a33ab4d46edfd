using Microsoft.Extensions.Configuration;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.ServiceDefaults;

/// <summary>
/// The one configuration file (JSON, like TileStache's), then environment variables with the
/// <c>TILECLUSTER_</c> prefix (<c>__</c> between sections), then command-line switches.
/// </summary>
public static class TileClusterConfiguration
{
    /// <summary>Prefix of environment variables that override the file.</summary>
    public const string EnvironmentPrefix = "TILECLUSTER_";

    /// <summary>Loads the configuration; throws <see cref="ConfigurationException"/> naming the file when it is missing or malformed.</summary>
    /// <returns>The absolute path of the configuration file.</returns>
    public static string AddTileClusterConfiguration(this IConfigurationManager configuration, string[] args)
    {
        string path = Path.GetFullPath(FindPath(args));
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"configuration file '{path}' does not exist (set TILECLUSTER_CONFIG or pass --config)");
        }

        try
        {
            // Parse now so a syntax error is reported with the file's name, not deep in the host.
            new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new ConfigurationException($"{path}: {e.InnerException?.Message ?? e.Message}", e);
        }

        configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("BaseDirectory", Path.GetDirectoryName(path))]);
        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);
        return path;
    }

    private static string FindPath(string[] args)
    {
        int index = Array.IndexOf(args, "--config");
        if (index >= 0 && index + 1 < args.Length)
        {
            return args[index + 1];
        }

        return Environment.GetEnvironmentVariable(EnvironmentPrefix + "CONFIG") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine("config", "tilecluster.json");
    }
}
