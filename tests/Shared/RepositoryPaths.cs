namespace TileCluster.Tests.Shared;

/// <summary>
/// Finds the repository (the folder with cluster.sln), its sample data, what was built in it and
/// the test database. Each test project adds its own programs in a part of this class
/// (<c>GatewayDll</c>, <c>SiloDll</c>, <c>CliDll</c>).
/// </summary>
internal static partial class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Config => Path.Combine(Root, "config", "tilecluster.json");

    /// <summary><c>data/sample</c>: the extract and the bundled replication diffs.</summary>
    public static string SampleDirectory => Path.Combine(Root, "data", "sample");

    /// <summary>The Liechtenstein extract (2013-08-03) that the test databases hold.</summary>
    public static string SamplePbf => Path.Combine(SampleDirectory, "liechtenstein-2013-08-03.osm.pbf");

    /// <summary>The PostGIS database with the Liechtenstein import; test.sh sets it up.</summary>
    public static string TestConnectionString =>
        Environment.GetEnvironmentVariable("TILECLUSTER_TEST_CONNECTION") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException("TILECLUSTER_TEST_CONNECTION is not set: run the tests through ./test.sh, which starts PostGIS and imports the sample");

    /// <summary>The Redis that ./test.sh starts, for processes that need one but not one of their own.</summary>
    public static string TestRedis =>
        Environment.GetEnvironmentVariable("TILECLUSTER_TEST_REDIS") is { Length: > 0 } redis
            ? redis
            : throw new InvalidOperationException("TILECLUSTER_TEST_REDIS is not set: run the tests through ./test.sh, which starts Redis");

    /// <summary>
    /// An assembly of <c>src/<paramref name="project"/></c> built in the same configuration as
    /// these tests: <c>TileCluster.{project}.dll</c> unless <paramref name="assembly"/> names it.
    /// </summary>
    public static string Built(string project, string? assembly = null)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(Root, "src", project, "bin", configuration, "net10.0", $"{assembly ?? $"TileCluster.{project}"}.dll");
    }

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
