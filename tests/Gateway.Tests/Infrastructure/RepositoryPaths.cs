namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>Finds the repository (the folder with cluster.sln) and what was built in it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Config => Path.Combine(Root, "config", "tilecluster.json");

    /// <summary>The gateway assembly built in the same configuration as these tests.</summary>
    public static string GatewayDll => Built("Gateway");

    /// <summary>The silo assembly built in the same configuration as these tests.</summary>
    public static string SiloDll => Built("Silo");

    /// <summary>The <c>tilecluster</c> command-line tool, built in the same configuration.</summary>
    public static string CliDll => Built("Cli", "tilecluster");

    private static string Built(string project, string? assembly = null)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(Root, "src", project, "bin", configuration, "net10.0", $"{assembly ?? $"TileCluster.{project}"}.dll");
    }

    /// <summary>The PostGIS database with the Liechtenstein import; test.sh sets it up.</summary>
    public static string TestConnectionString =>
        Environment.GetEnvironmentVariable("TILECLUSTER_TEST_CONNECTION") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException("TILECLUSTER_TEST_CONNECTION is not set: run the tests through ./test.sh, which starts PostGIS and imports the sample");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "cluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cluster.sln not found above " + AppContext.BaseDirectory);
    }
}
