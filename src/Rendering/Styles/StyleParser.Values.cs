using System.Collections.Immutable;
using System.Globalization;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TileCluster.Rendering.Styles;

/// <summary>Scalar conversions; each failure names the key and points at the value.</summary>
internal sealed partial class StyleParser
{
    private StyleException Fail(YamlNode node, string problem) => Fail(node.Start, problem);

    private StyleException Fail(Mark mark, string problem) => new($"{_file}:{mark.Line}:{mark.Column}: {problem}");

    private StyleException UnknownKey(YamlNode keyNode, string key, string where, string allowed) =>
        Fail(keyNode, $"unknown key '{key}' in {where} (allowed: {allowed})");

    private static string InnerMessage(YamlException ex)
    {
        // YamlException prefixes the message with its marks; keep only the description.
        string message = ex.Message;
        int index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 ? message[(index + 3)..] : message;
    }

    private string KeyOf(YamlNode keyNode) =>
        keyNode is YamlScalarNode { Value: { Length: > 0 } key } ? key : throw Fail(keyNode, "keys must be plain strings");

    private YamlMappingNode AsMapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Fail(node, $"{what} must be a mapping of keys to values");

    private YamlSequenceNode AsSequence(YamlNode node, string key) =>
        node as YamlSequenceNode ?? throw Fail(node, $"'{key}' must be a list");

    private string String(YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        throw Fail(node, $"'{key}' needs a value");
    }

    private double Number(YamlNode node, string key)
    {
        string text = String(node, key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw Fail(node, $"'{key}' must be a number, not '{text}'");
    }

    private double NonNegative(YamlNode node, string key)
    {
        double value = Number(node, key);
        return value >= 0 ? value : throw Fail(node, $"'{key}' must not be negative");
    }

    private double Positive(YamlNode node, string key)
    {
        double value = Number(node, key);
        return value > 0 ? value : throw Fail(node, $"'{key}' must be greater than 0");
    }

    private double Fraction(YamlNode node, string key)
    {
        double value = Number(node, key);
        return value is >= 0 and <= 1 ? value : throw Fail(node, $"'{key}' must be between 0 and 1");
    }

    private int Zoom(YamlNode node, string key)
    {
        string text = String(node, key);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int zoom) && zoom <= TileCoord.MaxSupportedZoom
            ? zoom
            : throw Fail(node, $"'{key}' must be a zoom 0..{TileCoord.MaxSupportedZoom}, not '{text}'");
    }

    private Rgba Color(YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            throw Fail(node, $"'{key}' needs a colour; quote it, \"#rrggbb\", or YAML reads # as a comment");
        }

        return Rgba.TryParse(String(node, key), out var color, out string? error) ? color : throw Fail(node, $"'{key}': {error}");
    }

    private string Identifier(YamlNode node, string key)
    {
        string text = String(node, key);
        return SqlIdentifier.IsValid(text)
            ? text
            : throw Fail(node, $"'{key}': '{text}' is not a column name (letters, digits, '_' and ':' only)");
    }

    private ZoomValue ZoomNumber(YamlNode node, string key)
    {
        if (node is not YamlMappingNode stops)
        {
            return ZoomValue.Constant(NonNegative(node, key));
        }

        if (stops.Children.Count == 0)
        {
            throw Fail(node, $"'{key}': zoom stops must not be empty");
        }

        var list = new List<ZoomStop>(stops.Children.Count);
        foreach (var (zoomNode, valueNode) in stops.Children)
        {
            int zoom = Zoom(zoomNode, key);
            if (list.Exists(s => s.Zoom == zoom))
            {
                throw Fail(zoomNode, $"'{key}': zoom {zoom} appears twice");
            }

            list.Add(new ZoomStop(zoom, NonNegative(valueNode, key)));
        }

        return ZoomValue.FromStops(list);
    }

    private ImmutableArray<double> Dash(YamlNode node, string key)
    {
        var sequence = AsSequence(node, key);
        var dash = ImmutableArray.CreateBuilder<double>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            dash.Add(Positive(item, key));
        }

        return dash.Count % 2 == 0 && dash.Count > 0
            ? dash.MoveToImmutable()
            : throw Fail(node, $"'{key}' needs an even, non-zero number of lengths (on, off, ...)");
    }

    private int Choice(YamlNode node, string key, params string[] options)
    {
        string text = String(node, key);
        int index = Array.IndexOf(options, text);
        return index >= 0 ? index : throw Fail(node, $"'{key}' must be one of {string.Join(", ", options)}, not '{text}'");
    }

    private T Keyword<T>(YamlNode node, string key, params T[] values)
        where T : struct, Enum
    {
        string[] names = Array.ConvertAll(values, v => v.ToString().ToLowerInvariant());
        return values[Choice(node, key, names)];
    }
}
