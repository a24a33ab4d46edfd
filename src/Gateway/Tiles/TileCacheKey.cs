using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Tiles;

/// <summary>The hot cache's key: a struct, never a formatted string.</summary>
internal readonly record struct TileCacheKey(string Style, int Scale, TileCoord Tile);
