using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// The zoom range of the tiles seen so far, and the tile-aligned extent of those at the deepest
/// zoom: what a tree describes about itself when no bounds are given.
/// </summary>
internal sealed class TreeExtent
{
    private int _minColumn;
    private int _maxColumn;
    private int _minRow;
    private int _maxRow;

    /// <summary>Tiles seen.</summary>
    public long Count { get; private set; }

    /// <summary>Lowest zoom seen.</summary>
    public int MinZoom { get; private set; }

    /// <summary>Highest zoom seen.</summary>
    public int MaxZoom { get; private set; }

    /// <summary>Takes one tile into account.</summary>
    public void Add(TileCoord tile)
    {
        if (Count == 0 || tile.Z > MaxZoom)
        {
            MinZoom = Count == 0 ? tile.Z : Math.Min(MinZoom, tile.Z);
            MaxZoom = tile.Z;
            (_minColumn, _maxColumn, _minRow, _maxRow) = (tile.X, tile.X, tile.Y, tile.Y);
        }
        else if (tile.Z == MaxZoom)
        {
            _minColumn = Math.Min(_minColumn, tile.X);
            _maxColumn = Math.Max(_maxColumn, tile.X);
            _minRow = Math.Min(_minRow, tile.Y);
            _maxRow = Math.Max(_maxRow, tile.Y);
        }
        else
        {
            MinZoom = Math.Min(MinZoom, tile.Z);
        }

        Count++;
    }

    /// <summary>The tile map resource of the tiles seen, titled <paramref name="title"/>.</summary>
    public TileMapResourceInfo ToTileMapResource(string title, string extension) => new(
        title,
        WebMercator.Longitude(WebMercator.ColumnEdgeX(MaxZoom, _minColumn)),
        WebMercator.Latitude(WebMercator.RowEdgeY(MaxZoom, _maxRow + 1)),
        WebMercator.Longitude(WebMercator.ColumnEdgeX(MaxZoom, _maxColumn + 1)),
        WebMercator.Latitude(WebMercator.RowEdgeY(MaxZoom, _minRow)),
        MinZoom,
        MaxZoom,
        extension);
}
