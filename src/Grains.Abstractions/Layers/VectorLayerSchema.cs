namespace TileCluster.Grains.Abstractions.Layers;

/// <summary>One layer inside a vector layer's tiles, as TileJSON's <c>vector_layers</c> lists it.</summary>
/// <param name="Id">The layer name in the tiles (the style layer's name).</param>
/// <param name="Fields">The properties its features carry (all strings).</param>
/// <param name="MinZoom">The first zoom it appears at.</param>
/// <param name="MaxZoom">The last zoom it appears at.</param>
[GenerateSerializer]
[Immutable]
public sealed record VectorLayerSchema(
    [property: Id(0)] string Id,
    [property: Id(1)] string[] Fields,
    [property: Id(2)] int MinZoom,
    [property: Id(3)] int MaxZoom);
