using System.Text.Json.Serialization;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Layers;

namespace TileCluster.Gateway.Layers;

/// <summary>
/// A layer's TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0):
/// what Leaflet, MapLibre, OpenLayers and QGIS need to show the layer from one URL.
/// </summary>
internal sealed record TileJson(
    [property: JsonPropertyName("tilejson")] string Version,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("attribution")] string Attribution,
    [property: JsonPropertyName("scheme")] string Scheme,
    [property: JsonPropertyName("tiles")] string[] Tiles,
    [property: JsonPropertyName("minzoom")] int MinZoom,
    [property: JsonPropertyName("maxzoom")] int MaxZoom,
    [property: JsonPropertyName("bounds")] double[] Bounds,
    [property: JsonPropertyName("center")] double[] Center,
    [property: JsonPropertyName("format"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Format = null,
    [property: JsonPropertyName("vector_layers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TileJsonVectorLayer[]? VectorLayers = null)
{
    /// <summary>
    /// The document of <paramref name="layer"/>, its tile URLs absolute under
    /// <paramref name="baseUrl"/> (scheme, host and path base, no trailing slash).
    /// </summary>
    /// <param name="name">The layer's URL name.</param>
    /// <param name="layer">Its settings.</param>
    /// <param name="baseUrl">Scheme, host and path base.</param>
    /// <param name="vectorLayers">For a vector layer: the layers inside its tiles.</param>
    public static TileJson For(string name, LayerOptions layer, string baseUrl, VectorLayerSchema[]? vectorLayers = null)
    {
        double[] bounds = LayerExtent.Bounds(layer);
        return new TileJson(
            "3.0.0",
            layer.Title ?? name,
            layer.Attribution,
            "xyz",
            [$"{baseUrl}/{name}/{{z}}/{{x}}/{{y}}.{layer.PreviewExtension}"],
            layer.MinZoom,
            layer.MaxZoom,
            bounds,
            LayerExtent.Center(layer),
            layer.Provider.IsVector || layer.Provider.IsPassThrough ? layer.PreviewExtension switch { "mvt" or "pbf" => "pbf", var other => other } : null,
            vectorLayers?.Select(v => new TileJsonVectorLayer(v.Id, v.Fields.ToDictionary(f => f, _ => "String"), v.MinZoom, v.MaxZoom)).ToArray());
    }
}
