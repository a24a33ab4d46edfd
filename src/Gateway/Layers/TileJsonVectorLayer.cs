using System.Text.Json.Serialization;

namespace TileCluster.Gateway.Layers;

/// <summary>An entry of TileJSON's <c>vector_layers</c>: a layer inside the tiles and the fields of its features.</summary>
internal sealed record TileJsonVectorLayer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("fields")] Dictionary<string, string> Fields,
    [property: JsonPropertyName("minzoom")] int MinZoom,
    [property: JsonPropertyName("maxzoom")] int MaxZoom);
