using System.Collections.Immutable;

namespace TileCluster.Rendering.VectorTiles;

/// <summary>
/// One style layer's statement for the vector tiles of one metatile. Parameters: <c>@z</c>,
/// <c>@tx0 @tx1 @ty0 @ty1</c> (the metatile's tile columns and rows), <c>@x0 @y0 @x1 @y1</c>
/// (the metatile's envelope with the tile buffer, metres), <c>@tolerance</c> (metres) when
/// <see cref="Simplifies"/>, <c>@min_area</c> (m²) when <see cref="FiltersArea"/>, and the rule
/// values in <see cref="ValueLists"/>. Result rows: tile column, tile row, the layer's MVT bytes
/// for that tile (null or empty when nothing of the layer falls in it).
/// </summary>
/// <param name="Sql">The statement.</param>
/// <param name="Simplifies">Whether <c>@tolerance</c> is used.</param>
/// <param name="FiltersArea">Whether <c>@min_area</c> is used.</param>
/// <param name="MinAreaPx">The layer's minimum polygon area in square CSS pixels.</param>
/// <param name="ValueLists">Rule-condition values bound as <c>@v0</c>, <c>@v1</c>, ...</param>
internal sealed record VectorQuery(string Sql, bool Simplifies, bool FiltersArea, double MinAreaPx, ImmutableArray<string[]> ValueLists);
