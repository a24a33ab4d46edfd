using System.Text.Json.Nodes;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.VectorTiles;

/// <summary>
/// A small MapLibre style for each MVT layer, from its YAML style's colours: the background, and
/// per rule a <c>fill</c> layer (area fill), a <c>line</c> layer (outline, casing or stroke), with
/// the rule's <c>when</c> as a filter and its widths as zoom interpolations. Labels are left out
/// (they would need a glyph server); a feature that several rules match is drawn by each, where
/// the renderer draws it by the first only.
/// </summary>
public sealed class MapLibreStyles
{
    /// <summary>The highest zoom a MapLibre style layer takes.</summary>
    private const int MaxZoom = 24;

    private readonly Dictionary<string, string> _styles = new(StringComparer.Ordinal);

    internal MapLibreStyles(StyleCatalog catalog)
    {
        foreach (var (name, layer) in catalog.VectorLayers)
        {
            if (!layer.Encoding.GeoJson)
            {
                _styles[name] = Build(layer.Style, layer.Properties).ToJsonString();
            }
        }
    }

    /// <summary>
    /// <c>{"background": "#rrggbb", "layers": [...]}</c> for <paramref name="layer"/>, the layers
    /// reading from a source named after it; null when it is not an MVT layer.
    /// </summary>
    public string? For(string layer) => _styles.GetValueOrDefault(layer);

    /// <summary>The style; rules that test a column the tiles do not carry (<paramref name="properties"/>) are left out, as no feature could match them.</summary>
    internal static JsonObject Build(MapStyle style, IReadOnlyCollection<string>? properties)
    {
        var layers = new JsonArray();
        foreach (var styleLayer in style.Layers)
        {
            for (int i = 0; i < styleLayer.Rules.Length; i++)
            {
                var rule = styleLayer.Rules[i];
                int min = Math.Max(rule.MinZoom, styleLayer.MinZoom), max = Math.Min(rule.MaxZoom, styleLayer.MaxZoom);
                if (min > max || (properties is not null && rule.Conditions.Any(c => !properties.Contains(c.Column))))
                {
                    continue;
                }

                string id = $"{styleLayer.Name}-{i}";
                if (rule.Polygon is { Fill: { } fill })
                {
                    layers.Add(Layer($"{id}-fill", "fill", styleLayer, rule, min, max, new JsonObject { ["fill-color"] = fill.ToString() }));
                }

                if (rule.Polygon is { Outline: { } outline } polygon)
                {
                    layers.Add(Layer($"{id}-outline", "line", styleLayer, rule, min, max, new JsonObject { ["line-color"] = outline.ToString(), ["line-width"] = Width(polygon.OutlineWidth) }));
                }

                if (rule.Line is { } line)
                {
                    if (line.Casing is { } casing)
                    {
                        layers.Add(Layer($"{id}-casing", "line", styleLayer, rule, min, max, new JsonObject { ["line-color"] = casing.ToString(), ["line-width"] = Width(line.Width, line.CasingWidth) }));
                    }

                    layers.Add(Layer($"{id}-line", "line", styleLayer, rule, min, max, new JsonObject { ["line-color"] = line.Stroke.ToString(), ["line-width"] = Width(line.Width) }));
                }
            }
        }

        return new JsonObject { ["background"] = style.Background.ToString(), ["layers"] = layers };
    }

    private static JsonObject Layer(string id, string type, StyleLayer styleLayer, StyleRule rule, int min, int max, JsonObject paint)
    {
        var layer = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["source-layer"] = styleLayer.Name,
            ["minzoom"] = min,

            // MapLibre's maxzoom is exclusive, and at most 24.
            ["maxzoom"] = Math.Min(max + 1, MaxZoom),
            ["paint"] = paint,
        };
        if (Filter(rule) is { } filter)
        {
            layer["filter"] = filter;
        }

        return layer;
    }

    /// <summary>The rule's <c>when</c>: every column equal to one of its values (a <c>~</c> value: the property is missing).</summary>
    private static JsonArray? Filter(StyleRule rule)
    {
        if (rule.Conditions.IsEmpty)
        {
            return null;
        }

        var all = new JsonArray("all");
        foreach (var condition in rule.Conditions)
        {
            var any = new JsonArray("any");
            var values = condition.Values.Where(v => v is not null).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray();
            if (values.Length > 0)
            {
                any.Add(new JsonArray("match", new JsonArray("get", condition.Column), new JsonArray(values), true, false));
            }

            if (condition.Values.Contains(null))
            {
                any.Add(new JsonArray("!", new JsonArray("has", condition.Column)));
            }

            all.Add(any);
        }

        return all;
    }

    /// <summary>A width by zoom: a number, or a linear interpolation over the stops; <paramref name="extra"/> on each side (casing).</summary>
    private static JsonNode Width(ZoomValue width, ZoomValue? extra = null)
    {
        var zooms = width.Stops.Select(s => s.Zoom).Concat(extra?.Stops.Select(s => s.Zoom) ?? []).Distinct().Order().ToArray();
        double At(double zoom) => width.At(zoom) + (2 * (extra?.At(zoom) ?? 0));
        if (zooms.Length == 1)
        {
            return At(zooms[0]);
        }

        var interpolate = new JsonArray("interpolate", new JsonArray("linear"), new JsonArray("zoom"));
        foreach (double zoom in zooms)
        {
            interpolate.Add(zoom);
            interpolate.Add(At(zoom));
        }

        return interpolate;
    }
}
