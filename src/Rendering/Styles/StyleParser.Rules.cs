using System.Collections.Immutable;
using TileCluster.Rendering;
using YamlDotNet.RepresentationModel;

namespace TileCluster.Rendering.Styles;

/// <summary>Rules and their symbolizers.</summary>
internal sealed partial class StyleParser
{
    private const string RuleKeys =
        "when, minzoom, maxzoom, fill, fill-opacity, outline, outline-width, stroke, width, casing, casing-width, dash, cap, join, opacity, "
        + "text, font, text-size, text-color, halo-color, halo-radius, placement, priority, spacing, sort-by";

    private static readonly ZoomValue Zero = ZoomValue.Constant(0);

    private ImmutableArray<StyleRule> ParseRules(YamlNode node)
    {
        var sequence = AsSequence(node, "rules");
        var rules = ImmutableArray.CreateBuilder<StyleRule>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            rules.Add(ParseRule(item));
        }

        return rules.MoveToImmutable();
    }

    private StyleRule ParseRule(YamlNode node)
    {
        var map = AsMapping(node, "a rule");
        var conditions = ImmutableArray<RuleCondition>.Empty;
        int minZoom = 0, maxZoom = TileCluster.Grains.Abstractions.Tiles.TileCoord.MaxSupportedZoom;
        YamlNode? minZoomNode = null;

        // Polygon keys.
        Rgba? fill = null, outline = null;
        double fillOpacity = 1;
        ZoomValue outlineWidth = ZoomValue.Constant(1);
        YamlNode? polygonNode = null;

        // Line keys.
        Rgba? stroke = null, casing = null;
        ZoomValue? width = null;
        ZoomValue casingWidth = ZoomValue.Constant(1);
        var dash = ImmutableArray<double>.Empty;
        var cap = LineCap.Butt;
        var join = LineJoin.Round;
        double opacity = 1;
        YamlNode? lineNode = null;

        // Text keys.
        string? textColumn = null, sortBy = null;
        FontSet? font = null;
        ZoomValue textSize = ZoomValue.Constant(12);
        Rgba textColor = new(0, 0, 0), haloColor = new(255, 255, 255);
        double haloRadius = 1.5, priority = 0, spacing = 400;
        var placement = LabelPlacement.Point;
        YamlNode? textNode = null;

        foreach (var (keyNode, value) in map.Children)
        {
            string key = KeyOf(keyNode);
            switch (key)
            {
                case "when": conditions = ParseConditions(value); break;
                case "minzoom": minZoom = Zoom(value, key); minZoomNode = value; break;
                case "maxzoom": maxZoom = Zoom(value, key); break;
                case "fill": fill = Color(value, key); polygonNode ??= keyNode; break;
                case "fill-opacity": fillOpacity = Fraction(value, key); polygonNode ??= keyNode; break;
                case "outline": outline = Color(value, key); polygonNode ??= keyNode; break;
                case "outline-width": outlineWidth = ZoomNumber(value, key); polygonNode ??= keyNode; break;
                case "stroke": stroke = Color(value, key); lineNode ??= keyNode; break;
                case "width": width = ZoomNumber(value, key); lineNode ??= keyNode; break;
                case "casing": casing = Color(value, key); lineNode ??= keyNode; break;
                case "casing-width": casingWidth = ZoomNumber(value, key); lineNode ??= keyNode; break;
                case "dash": dash = Dash(value, key); lineNode ??= keyNode; break;
                case "cap": cap = Keyword(value, key, LineCap.Butt, LineCap.Round, LineCap.Square); lineNode ??= keyNode; break;
                case "join": join = Keyword(value, key, LineJoin.Miter, LineJoin.Round, LineJoin.Bevel); lineNode ??= keyNode; break;
                case "opacity": opacity = Fraction(value, key); lineNode ??= keyNode; break;
                case "text": textColumn = Identifier(value, key); textNode ??= keyNode; break;
                case "font": font = FontSetNamed(value, key); textNode ??= keyNode; break;
                case "text-size": textSize = ZoomNumber(value, key); textNode ??= keyNode; break;
                case "text-color": textColor = Color(value, key); textNode ??= keyNode; break;
                case "halo-color": haloColor = Color(value, key); textNode ??= keyNode; break;
                case "halo-radius": haloRadius = NonNegative(value, key); textNode ??= keyNode; break;
                case "placement": placement = Keyword(value, key, LabelPlacement.Point, LabelPlacement.Line); textNode ??= keyNode; break;
                case "priority": priority = Number(value, key); textNode ??= keyNode; break;
                case "spacing": spacing = Positive(value, key); textNode ??= keyNode; break;
                case "sort-by": sortBy = Identifier(value, key); textNode ??= keyNode; break;
                default: throw UnknownKey(keyNode, key, "a rule", RuleKeys);
            }
        }

        if (minZoom > maxZoom)
        {
            throw Fail(minZoomNode ?? map, $"rule: 'minzoom' {minZoom} is greater than 'maxzoom' {maxZoom}");
        }

        PolygonSymbolizer? polygon = null;
        if (polygonNode is not null)
        {
            if (fill is null && outline is null)
            {
                throw Fail(polygonNode, "a polygon rule needs 'fill' or 'outline'");
            }

            polygon = new PolygonSymbolizer(fill?.WithOpacity(fillOpacity), outline, outlineWidth);
        }

        LineSymbolizer? line = null;
        if (lineNode is not null)
        {
            if (stroke is null && casing is null)
            {
                throw Fail(lineNode, "a line rule needs 'stroke' (and usually 'width')");
            }

            // A casing-only rule strokes nothing on top: a transparent stroke keeps one code path.
            line = new LineSymbolizer(
                (stroke ?? default).WithOpacity(opacity), width ?? ZoomValue.Constant(1), casing?.WithOpacity(opacity), casingWidth, dash, cap, join);
        }

        TextSymbolizer? text = null;
        if (textNode is not null)
        {
            text = new TextSymbolizer(
                textColumn ?? throw Fail(textNode, "a text rule is missing required key 'text' (the label column)"),
                font ?? _defaultFontSet ?? throw Fail(textNode, "a text rule needs a font set, and the style declares no 'fonts'"),
                textSize, textColor, haloColor, haloRadius, placement, priority, spacing, sortBy);
        }

        return new StyleRule(conditions, minZoom, maxZoom, polygon, line, text);
    }

    private ImmutableArray<RuleCondition> ParseConditions(YamlNode node)
    {
        var map = AsMapping(node, "'when'");
        var conditions = ImmutableArray.CreateBuilder<RuleCondition>(map.Children.Count);
        foreach (var (keyNode, value) in map.Children)
        {
            string column = Identifier(keyNode, "when");
            var values = ImmutableArray.CreateBuilder<string?>();
            if (value is YamlSequenceNode list)
            {
                foreach (var item in list.Children)
                {
                    values.Add(ConditionValue(item, column));
                }

                if (values.Count == 0)
                {
                    throw Fail(value, $"'when' '{column}': the list of values is empty");
                }
            }
            else
            {
                values.Add(ConditionValue(value, column));
            }

            conditions.Add(new RuleCondition(column, values.ToImmutable()));
        }

        return conditions.MoveToImmutable();
    }

    private string? ConditionValue(YamlNode node, string column)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Fail(node, $"'when' '{column}': expected a value or a list of values");
        }

        // Plain ~ / null / empty means SQL NULL; quote it ("null") to match the text.
        return scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" ? null : scalar.Value;
    }
}
