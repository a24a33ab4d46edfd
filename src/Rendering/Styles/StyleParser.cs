using System.Collections.Immutable;
using TileCluster.Rendering;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TileCluster.Rendering.Styles;

/// <summary>
/// Turns the YAML representation model into a <see cref="MapStyle"/>. It walks nodes by hand
/// (rather than deserialising) so every error can point at the line and column of the key.
/// </summary>
internal sealed partial class StyleParser
{
    private static readonly HashSet<string> Tables =
        new(StringComparer.Ordinal) { "planet_osm_polygon", "planet_osm_line", "planet_osm_point", "planet_osm_roads" };

    private readonly string _file;
    private readonly string _directory;
    private ImmutableDictionary<string, FontSet> _fontSets = ImmutableDictionary<string, FontSet>.Empty;
    private FontSet? _defaultFontSet;

    public StyleParser(string file)
    {
        _file = file;
        _directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? Directory.GetCurrentDirectory();
    }

    public MapStyle Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new StyleException($"{_file}:{ex.Start.Line}:{ex.Start.Column}: YAML syntax error: {InnerMessage(ex)}", ex);
        }
        catch (ArgumentException ex)
        {
            // The representation model reports duplicate keys as ArgumentException without a position.
            throw new StyleException($"{_file}:1:1: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new StyleException($"{_file}:1:1: the style file is empty");
        }

        var root = AsMapping(stream.Documents[0].RootNode, "the style");
        string? name = null;
        Rgba background = new(0xf2, 0xef, 0xe9);
        var format = TileImageFormat.Png256;
        ImmutableArray<StyleLayer>? layers = null;

        // Font sets first: text rules refer to them wherever 'fonts' appears in the file.
        foreach (var (keyNode, value) in root.Children)
        {
            if (KeyOf(keyNode) == "fonts")
            {
                ParseFontSets(value);
            }
        }

        foreach (var (keyNode, value) in root.Children)
        {
            string key = KeyOf(keyNode);
            switch (key)
            {
                case "fonts":
                    break;
                case "name":
                    name = String(value, key);
                    break;
                case "background":
                    background = Color(value, key);
                    break;
                case "format":
                    format = String(value, key) switch
                    {
                        "png256" => TileImageFormat.Png256,
                        "png32" => TileImageFormat.Png32,
                        string other => throw Fail(value, $"'format' must be png256 or png32, not '{other}'"),
                    };
                    break;
                case "layers":
                    layers = ParseLayers(value);
                    break;
                default:
                    throw UnknownKey(keyNode, key, "the style", "name, background, format, fonts, layers");
            }
        }

        return new MapStyle(
            name ?? throw Fail(root, "the style is missing required key 'name'"),
            background,
            format,
            _fontSets,
            layers ?? throw Fail(root, "the style is missing required key 'layers'"))
        {
            DefaultFontSet = _defaultFontSet,
        };
    }

    private ImmutableArray<StyleLayer> ParseLayers(YamlNode node)
    {
        var sequence = AsSequence(node, "layers");
        var layers = ImmutableArray.CreateBuilder<StyleLayer>(sequence.Children.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            var layer = ParseLayer(item);
            if (!names.Add(layer.Name))
            {
                throw Fail(item, $"duplicate layer name '{layer.Name}'");
            }

            layers.Add(layer);
        }

        return layers.MoveToImmutable();
    }

    private StyleLayer ParseLayer(YamlNode node)
    {
        var map = AsMapping(node, "a layer");
        string? name = null, table = null, where = null, order = null;
        GeometryKind? kind = null;
        var columns = new List<string>();
        int minZoom = 0, maxZoom = TileCluster.Grains.Abstractions.Tiles.TileCoord.MaxSupportedZoom;
        double minArea = 0;
        ImmutableArray<StyleRule>? rules = null;
        YamlNode? minZoomNode = null;
        foreach (var (keyNode, value) in map.Children)
        {
            string key = KeyOf(keyNode);
            switch (key)
            {
                case "name":
                    name = String(value, key);
                    break;
                case "geometry":
                    kind = String(value, key) switch
                    {
                        "polygon" => GeometryKind.Polygon,
                        "line" => GeometryKind.Line,
                        "point" => GeometryKind.Point,
                        string other => throw Fail(value, $"'geometry' must be polygon, line or point, not '{other}'"),
                    };
                    break;
                case "table":
                    table = String(value, key);
                    if (!Tables.Contains(table))
                    {
                        throw Fail(value, $"unknown 'table' '{table}' (expected one of {string.Join(", ", Tables.Order(StringComparer.Ordinal))})");
                    }

                    break;
                case "columns":
                    foreach (var column in AsSequence(value, key).Children)
                    {
                        AddColumn(columns, Identifier(column, key));
                    }

                    break;
                case "where":
                    where = String(value, key);
                    break;
                case "order":
                    order = String(value, key);
                    break;
                case "minzoom":
                    minZoom = Zoom(value, key);
                    minZoomNode = value;
                    break;
                case "maxzoom":
                    maxZoom = Zoom(value, key);
                    break;
                case "min-area-px":
                    minArea = NonNegative(value, key);
                    break;
                case "rules":
                    rules = ParseRules(value);
                    break;
                default:
                    throw UnknownKey(keyNode, key, "a layer", "name, geometry, table, columns, where, order, minzoom, maxzoom, min-area-px, rules");
            }
        }

        string layerName = name ?? throw Fail(map, "a layer is missing required key 'name'");
        if (minZoom > maxZoom)
        {
            throw Fail(minZoomNode ?? map, $"layer '{layerName}': 'minzoom' {minZoom} is greater than 'maxzoom' {maxZoom}");
        }

        var ruleList = rules ?? throw Fail(map, $"layer '{layerName}' is missing required key 'rules'");
        foreach (var rule in ruleList)
        {
            foreach (var condition in rule.Conditions)
            {
                AddColumn(columns, condition.Column);
            }

            if (rule.Text is { } text)
            {
                AddColumn(columns, text.Column);
                if (text.SortBy is { } sortBy)
                {
                    AddColumn(columns, sortBy);
                }
            }
        }

        return new StyleLayer(
            layerName,
            kind ?? throw Fail(map, $"layer '{layerName}' is missing required key 'geometry'"),
            table ?? throw Fail(map, $"layer '{layerName}' is missing required key 'table'"),
            [.. columns],
            where,
            order,
            minZoom,
            maxZoom,
            minArea,
            ruleList);
    }

    private static void AddColumn(List<string> columns, string column)
    {
        if (!columns.Contains(column))
        {
            columns.Add(column);
        }
    }
}
