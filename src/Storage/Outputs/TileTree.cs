using System.Globalization;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// Walks a tile tree <c>{root}/{z}/{x}/{y}.{ext}</c> (XYZ rows) lazily, one column directory at a
/// time, in a fixed order: zoom, column, then row ascending in the requested row order. Names
/// that are not plain numbers (<c>tilemapresource.xml</c>, <c>*.partial</c>) are skipped.
/// </summary>
internal static class TileTree
{
    /// <summary>The tiles under <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The tree does not exist.</exception>
    /// <exception cref="InvalidDataException">A tile's coordinate is outside its zoom's grid.</exception>
    public static IEnumerable<TreeTile> Enumerate(string root, string extension, TileRowOrder order)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The tile tree '{root}' does not exist");
        }

        return EnumerateExisting(root, "." + extension, order);
    }

    private static IEnumerable<TreeTile> EnumerateExisting(string root, string suffix, TileRowOrder order)
    {
        foreach (var (z, zoomDirectory) in Numbered(Directory.EnumerateDirectories(root), string.Empty))
        {
            foreach (var (x, columnDirectory) in Numbered(Directory.EnumerateDirectories(zoomDirectory), string.Empty))
            {
                var rows = Numbered(Directory.EnumerateFiles(columnDirectory), suffix);
                if (order == TileRowOrder.Tms)
                {
                    rows.Reverse();
                }

                foreach (var (y, file) in rows)
                {
                    if (!TileCoord.TryCreate(z, x, y, out var tile, out string? error))
                    {
                        throw new InvalidDataException($"The tile '{file}' is not in the tile grid: {error}");
                    }

                    yield return new TreeTile(tile, file);
                }
            }
        }
    }

    // Plain numbers only ("7", not "07" or "+7"), so one tile never has two names; sorted ascending.
    private static List<(int Number, string Path)> Numbered(IEnumerable<string> paths, string suffix)
    {
        var numbered = new List<(int Number, string Path)>();
        foreach (string path in paths)
        {
            string name = Path.GetFileName(path);
            if (!name.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            string stem = name[..^suffix.Length];
            if (int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out int number) &&
                stem == number.ToString(CultureInfo.InvariantCulture))
            {
                numbered.Add((number, path));
            }
        }

        numbered.Sort(static (a, b) => a.Number.CompareTo(b.Number));
        return numbered;
    }
}
