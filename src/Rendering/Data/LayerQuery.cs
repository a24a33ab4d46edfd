using System.Collections.Immutable;

namespace TileCluster.Rendering.Data;

/// <summary>
/// One layer's SQL at one zoom. Parameters: <c>@x0 @y0 @x1 @y1</c> (the clip envelope, metres),
/// <c>@fx0 @fy0 @fx1 @fy1</c> (the envelope rows are fetched by; the same except for export strips),
/// <c>@tolerance</c> (metres) when <see cref="Simplifies"/>, <c>@min_area</c> (m²) when
/// <see cref="FiltersArea"/>, plus the constant text arrays in <see cref="ValueLists"/>.
/// Result columns: osm_id, geometry WKB, then <see cref="Columns"/> as text.
/// </summary>
/// <param name="Sql">The statement.</param>
/// <param name="Columns">The attribute columns, in result order from ordinal 2.</param>
/// <param name="Simplifies">Whether <c>@tolerance</c> is used.</param>
/// <param name="FiltersArea">Whether <c>@min_area</c> is used.</param>
/// <param name="ValueLists">Rule-condition values bound as <c>@v0</c>, <c>@v1</c>, ...</param>
internal sealed record LayerQuery(string Sql, ImmutableArray<string> Columns, bool Simplifies, bool FiltersArea, ImmutableArray<string[]> ValueLists);
