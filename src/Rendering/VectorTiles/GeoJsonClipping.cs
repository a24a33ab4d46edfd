namespace TileCluster.Rendering.VectorTiles;

/// <summary>How GeoJSON tiles cut features at the tile's edge (TileStache's <c>clipped</c>).</summary>
internal enum GeoJsonClipping
{
    /// <summary>Cut at the tile's edge.</summary>
    Clipped,

    /// <summary>Cut at the tile's edge plus the tile buffer, so client-side strokes meet without seams.</summary>
    Padded,

    /// <summary>Whole features: every feature touching the tile, uncut.</summary>
    Unclipped,
}
