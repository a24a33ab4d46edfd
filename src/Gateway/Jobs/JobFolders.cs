using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Jobs;

/// <summary>
/// The gateway's view of <c>Jobs:Root</c>: paths of served outputs, the space all jobs take, and
/// removal. Every path is built from a checked job id and checked integers or file names, so no
/// request can reach outside a job's folder.
/// </summary>
internal sealed class JobFolders(IOptions<JobsOptions> options)
{
    private const int MaxFileNameLength = 100;

    /// <summary>A job's tile in XYZ rows.</summary>
    public string Tile(string id, TileCoord tile) => Path.Combine(
        options.Value.JobFolder(id), "tiles", tile.Z.ToString(System.Globalization.CultureInfo.InvariantCulture), tile.X.ToString(System.Globalization.CultureInfo.InvariantCulture), tile.Y.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".png");

    /// <summary>A job's <c>tilemapresource.xml</c>.</summary>
    public string TileMapResource(string id) => Path.Combine(options.Value.JobFolder(id), "tilemapresource.xml");

    /// <summary>A file output, or null when <paramref name="name"/> is not a plain output file name.</summary>
    public string? File(string id, string name) => IsFileName(name) ? Path.Combine(options.Value.JobFolder(id), "files", name) : null;

    /// <summary>Whether <paramref name="name"/> is 1-100 characters of a-z, 0-9, '-', '_' and '.', not starting with a dot.</summary>
    public static bool IsFileName(string name)
    {
        if (name.Length is 0 or > MaxFileNameLength || name[0] == '.')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Bytes all jobs' outputs take now.</summary>
    public long UsedBytes()
    {
        var root = new DirectoryInfo(options.Value.FullRoot);
        if (!root.Exists)
        {
            return 0;
        }

        long total = 0;
        foreach (var file in root.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            total += file.Length;
        }

        return total;
    }

    /// <summary>Removes a job's folder; absent is fine.</summary>
    public void Delete(string id)
    {
        string folder = options.Value.JobFolder(id);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
