namespace TileCluster.Storage.Tests.Outputs;

/// <summary>Temporary directories for output tests.</summary>
internal static class Scratch
{
    /// <summary>A new empty directory under the temp folder.</summary>
    public static string NewDirectory(string purpose) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"tilecluster-outputs-{purpose}-{Guid.NewGuid():N}")).FullName;
}
