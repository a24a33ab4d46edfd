namespace TileCluster.Cli.Tests.Infrastructure;

/// <summary>The repository (the folder with cluster.sln), the sample data and the built CLI.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SamplePbf => Path.Combine(Root, "data", "sample", "liechtenstein-2013-08-03.osm.pbf");

    /// <summary>The planet's minutely diff 466354 (2013-08-04), the day after the extract.</summary>
    public static string SampleDiff => Path.Combine(Root, "data", "sample", "000466354.osc.gz");

    public const string OsmStyle = "/usr/share/osm2pgsql/default.style";

    /// <summary>The CLI built next to these tests (the project reference copies it here).</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "tilecluster.dll");

    /// <summary>The PostGIS server of the test set-up (test.sh sets it).</summary>
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
