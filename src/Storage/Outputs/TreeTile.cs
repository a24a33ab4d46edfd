using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.Outputs;

/// <summary>One tile file of a tile tree.</summary>
/// <param name="Tile">Its XYZ coordinate.</param>
/// <param name="Path">Its file.</param>
internal readonly record struct TreeTile(TileCoord Tile, string Path);
