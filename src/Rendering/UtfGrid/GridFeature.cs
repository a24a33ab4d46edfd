namespace TileCluster.Rendering.UtfGrid;

/// <summary>A feature drawn into a grid: its key and the values of the layer's fields (null where it has none).</summary>
/// <param name="Key">The UTFGrid key: the feature's OSM id.</param>
/// <param name="Data">Field name and value pairs, in the order of <c>Provider:Fields</c>.</param>
internal sealed record GridFeature(string Key, KeyValuePair<string, string?>[] Data);
