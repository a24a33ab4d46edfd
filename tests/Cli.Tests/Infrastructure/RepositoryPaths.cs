namespace TileCluster.Tests.Shared;

/// <summary>The program the CLI tests start (the rest of this class is in tests/Shared).</summary>
internal static partial class RepositoryPaths
{
    /// <summary>The CLI built next to these tests (the project reference copies it here).</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "tilecluster.dll");
}
