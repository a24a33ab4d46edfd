namespace TileCluster.Storage.Tests.Outputs;

/// <summary>
/// A real tile tree <c>{root}/{z}/{x}/{y}.png</c> over Liechtenstein at z10-13 (82 tiles), as a
/// job leaves it; shared by the tests of one class and deleted after them.
/// </summary>
public sealed class LiechtensteinTree : IDisposable
{
    public const double West = 9.47;
    public const double South = 47.04;
    public const double East = 9.64;
    public const double North = 47.28;
    public const int MinZoom = 10;
    public const int MaxZoom = 13;

    public LiechtensteinTree()
    {
        Root = Scratch.NewDirectory("tree");
        Tiles = SlippyMap.Covering(West, South, East, North, MinZoom, MaxZoom);
        foreach (var (z, x, y) in Tiles)
        {
            string path = PathOf(z, x, y);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, TileImages.Create(z, x, y));
        }
    }

    /// <summary>The tree's directory.</summary>
    public string Root { get; }

    /// <summary>Its tiles in XYZ rows, sorted by zoom, column and row.</summary>
    public IReadOnlyList<(int Z, int X, int Y)> Tiles { get; }

    /// <summary>The file of XYZ tile z/x/y.</summary>
    public string PathOf(int z, int x, int y) => Path.Combine(Root, z.ToString(), x.ToString(), $"{y}.png");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
