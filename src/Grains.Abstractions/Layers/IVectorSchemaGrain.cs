namespace TileCluster.Grains.Abstractions.Layers;

/// <summary>
/// What a vector layer's tiles contain, read from its style on a silo (the gateway does not load
/// styles). Keyed by the layer's URL name.
/// </summary>
public interface IVectorSchemaGrain : IGrainWithStringKey
{
    /// <summary>The layers inside the tiles, in drawing order; empty when the layer is not a vector layer.</summary>
    Task<VectorLayerSchema[]> GetAsync();

    /// <summary>
    /// A small MapLibre style from the style's colours, as JSON <c>{"background": …, "layers": […]}</c>
    /// whose layers read a source named after the layer; null when the layer does not make MVT tiles.
    /// </summary>
    Task<string?> GetMapLibreStyleAsync();
}
