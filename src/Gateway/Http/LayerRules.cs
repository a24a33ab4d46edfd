using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Http;

/// <summary>The layer checks every map endpoint makes: is the layer configured, and is a zoom inside its range.</summary>
internal static class LayerRules
{
    /// <summary>Finds <paramref name="layer"/>; otherwise <paramref name="notFound"/> is the 404 detail, naming the known layers.</summary>
    public static bool TryFind(LayersOptions layers, string layer, [NotNullWhen(true)] out LayerOptions? options, [NotNullWhen(false)] out string? notFound)
    {
        if (layers.Layers.TryGetValue(layer, out options))
        {
            notFound = null;
            return true;
        }

        notFound = $"layer '{Shorten(layer)}' is not configured; known layers: {string.Join(", ", layers.Layers.Keys)}";
        return false;
    }

    /// <summary>
    /// Null when every zoom in <paramref name="min"/>..<paramref name="max"/> (fractional zooms
    /// included: 19.5 draws with the rules of 19) is inside the layer's range; else the 400 detail,
    /// which starts with <paramref name="what"/>.
    /// </summary>
    public static string? ZoomOutside(LayerOptions options, string layer, string what, double min, double max) =>
        min < options.MinZoom || max >= options.MaxZoom + 1
            ? string.Create(CultureInfo.InvariantCulture, $"{what} is outside {options.MinZoom}..{options.MaxZoom} for layer '{layer}'")
            : null;

    /// <summary>
    /// Null for a style layer; for a vector or UTFGrid layer, the 400 detail saying that <paramref name="what"/> needs
    /// a rendered one; for url and composite layers (which make metatiles only), that it needs a style
    /// layer; for pass-through layers, that it needs one that renders.
    /// </summary>
    public static string? NotRendered(LayerOptions options, string layer, string what) => options.Provider.Kind switch
    {
        LayerProviderOptions.VectorKind => $"layer '{layer}' makes vector tiles; {what} needs a layer that renders images",
        LayerProviderOptions.UtfGridKind => $"layer '{layer}' makes UTFGrid interactivity grids; {what} needs a layer that renders images",
        LayerProviderOptions.UrlKind or LayerProviderOptions.CompositeKind => $"layer '{layer}' is a {options.Provider.Kind} layer, made per metatile; {what} needs a style layer",
        _ => NotPassThrough(options, layer, what),
    };

    /// <summary>Null for a layer that renders; for a pass-through layer (proxy, mbtiles), the 400 detail saying that <paramref name="what"/> needs one that renders.</summary>
    public static string? NotPassThrough(LayerOptions options, string layer, string what) =>
        options.Provider.IsPassThrough ? $"layer '{layer}' passes tiles through from its {options.Provider.Kind} source and renders nothing; {what} needs a layer that renders" : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
