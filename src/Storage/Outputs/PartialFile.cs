namespace TileCluster.Storage.Outputs;

/// <summary>
/// The rule every output follows: write <c>{destination}.partial</c>, then rename it over the
/// destination. A crashed run's partial is replaced by the next run; a failed or cancelled run
/// removes its partial and never touches the destination.
/// </summary>
public static class PartialFile
{
    /// <summary>The suffix of a file still being written.</summary>
    public const string Suffix = ".partial";

    /// <summary>Runs <paramref name="write"/> on the partial path, then renames it to <paramref name="destinationPath"/>.</summary>
    public static async Task WriteAsync(string destinationPath, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        string destination = Path.GetFullPath(destinationPath);
        string partial = destination + Suffix;
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Delete(partial);
        try
        {
            await write(partial, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            // rename(2) within one directory: readers see the old file or the whole new one.
            File.Move(partial, destination, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
