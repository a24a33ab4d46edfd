namespace TileCluster.Storage.PassThrough;

/// <summary>What a pass-through layer takes from an MBTiles file's <c>metadata</c> table.</summary>
/// <param name="Format">The tile format as a pass-through format: <c>png</c>, <c>jpeg</c> (MBTiles <c>jpg</c>), <c>webp</c>, <c>mvt</c> (MBTiles <c>pbf</c>).</param>
/// <param name="MinZoom">The <c>minzoom</c> row, when present.</param>
/// <param name="MaxZoom">The <c>maxzoom</c> row, when present.</param>
/// <param name="Bounds">The <c>bounds</c> row (west, south, east, north), when present.</param>
/// <param name="Attribution">The <c>attribution</c> row, when present.</param>
internal sealed record MbTilesInfo(string Format, int? MinZoom, int? MaxZoom, double[]? Bounds, string? Attribution);
