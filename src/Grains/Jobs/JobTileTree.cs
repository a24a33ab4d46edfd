using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Jobs;

/// <summary>
/// A job's tile tree, <c>{job folder}/tiles/{z}/{x}/{y}.png</c> in XYZ rows. Tiles are written to
/// a temporary name and renamed, so a reader (or a resumed job) never sees half a tile.
/// </summary>
internal static class JobTileTree
{
    private const string TempSuffix = ".tmp";

    /// <summary>The tree's root inside a job folder.</summary>
    public static string Root(string jobFolder) => Path.Combine(jobFolder, "tiles");

    /// <summary>
    /// Removes temporary files a killed process left in the tree (a tile write cut off before its
    /// rename), so the tree holds only tiles. Called once every metatile of the job is done.
    /// </summary>
    public static void RemoveLeftovers(string treeRoot)
    {
        if (!Directory.Exists(treeRoot))
        {
            return;
        }

        foreach (string temp in Directory.EnumerateFiles(treeRoot, "*" + TempSuffix, SearchOption.AllDirectories))
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes one tile.</summary>
    public static async Task WriteAsync(string treeRoot, TileCoord tile, byte[] bytes, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(treeRoot, tile.Z.ToString(System.Globalization.CultureInfo.InvariantCulture), tile.X.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, tile.Y.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".png");
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
