using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.VectorTiles;

/// <summary>A configured vector layer: the style whose queries it reads, the properties it carries, and its encoding.</summary>
/// <param name="Style">The style.</param>
/// <param name="Properties">The whitelisted columns, or null for all the style reads.</param>
/// <param name="Encoding">MVT or GeoJSON.</param>
internal sealed record VectorLayer(MapStyle Style, IReadOnlyCollection<string>? Properties, VectorEncoding Encoding)
{
    /// <summary>The layer of a validated <c>vector</c> provider over <paramref name="style"/>.</summary>
    public static VectorLayer From(MapStyle style, LayerProviderOptions provider)
    {
        var encoding = provider.Format == "geojson"
            ? VectorEncoding.GeoJsonWith(provider.Precision, provider.Clipped switch
            {
                "false" => GeoJsonClipping.Unclipped,
                "padded" => GeoJsonClipping.Padded,
                _ => GeoJsonClipping.Clipped,
            })
            : VectorEncoding.Mvt;
        return new VectorLayer(style, provider.Properties.Count == 0 ? null : provider.Properties.ToHashSet(StringComparer.Ordinal), encoding);
    }
}
