using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Jobs;

/// <summary>
/// A job's tile tree, <c>{job folder}/tiles/{z}/{x}/{y}.png</c> in XYZ rows. Tiles are written to
/// a temporary name and renamed, so a reader (or a resumed job) never sees half a tile.
/// </summary>
internal static class JobTileTree
{
    /// <summary>The tree's root inside a job folder.</summary>
    public static string Root(string jobFolder) => Path.Combine(jobFolder, "tiles");

    /// <summary>Writes one tile.</summary>
    public static async Task WriteAsync(string treeRoot, TileCoord tile, byte[] bytes, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(treeRoot, tile.Z.ToString(System.Globalization.CultureInfo.InvariantCulture), tile.X.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, tile.Y.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".png");
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
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
