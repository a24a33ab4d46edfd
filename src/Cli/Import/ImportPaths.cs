namespace TileCluster.Cli.Import;

/// <summary>
/// Where the files a TileStache configuration names end up: TileStache resolves them against its
/// configuration file's folder, ours against our configuration file's folder.
/// </summary>
/// <param name="SourceDirectory">The folder of the TileStache file.</param>
/// <param name="TargetDirectory">The folder the converted configuration will live in.</param>
internal sealed record ImportPaths(string SourceDirectory, string TargetDirectory)
{
    /// <summary>A path of the TileStache file, rewritten relative to the converted configuration.</summary>
    public string Rewrite(string path) =>
        Path.GetRelativePath(TargetDirectory, Path.GetFullPath(Path.Combine(SourceDirectory, path))).Replace('\\', '/');
}
