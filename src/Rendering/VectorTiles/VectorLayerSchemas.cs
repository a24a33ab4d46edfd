using TileCluster.Grains.Abstractions.Layers;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.VectorTiles;

/// <summary>The contents of each configured vector layer's tiles, for TileJSON's <c>vector_layers</c>.</summary>
public sealed class VectorLayerSchemas
{
    private readonly Dictionary<string, VectorLayerSchema[]> _schemas = new(StringComparer.Ordinal);

    internal VectorLayerSchemas(StyleCatalog catalog)
    {
        foreach (var (name, layer) in catalog.VectorLayers)
        {
            bool geoJson = layer.Encoding.GeoJson;
            _schemas[name] = [.. layer.Style.Layers.Select(styleLayer => new VectorLayerSchema(
                styleLayer.Name,
                [.. styleLayer.Columns.Where(c => (layer.Properties is null || layer.Properties.Contains(c)) && !(geoJson && c == VectorQueryBuilder.LayerProperty))],
                styleLayer.MinZoom,
                styleLayer.MaxZoom))];
        }
    }

    /// <summary>The layers inside <paramref name="layer"/>'s tiles; empty when it is not a vector layer.</summary>
    public VectorLayerSchema[] For(string layer) => _schemas.TryGetValue(layer, out var schema) ? schema : [];
}
