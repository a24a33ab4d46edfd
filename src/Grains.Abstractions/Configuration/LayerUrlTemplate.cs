using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// A <c>url</c> provider's template (TileStache's "url template"): a WMS-like address with
/// <c>$name</c> or <c>${name}</c> variables, parsed once so an unknown variable is a start-up error
/// and a render only fills in numbers.
/// </summary>
public sealed class LayerUrlTemplate
{
    /// <summary>The spatial reference of the coordinates substituted: Web Mercator, in metres.</summary>
    public const string Srs = "EPSG:3857";

    /// <summary>The variables a template may use.</summary>
    public static IReadOnlyList<string> Variables { get; } = ["xmin", "ymin", "xmax", "ymax", "width", "height", "srs", "zoom"];

    // Literal text and variable names, alternating: even entries are literals (maybe empty), odd ones variables.
    private readonly string[] _parts;

    private LayerUrlTemplate(string[] parts) => _parts = parts;

    /// <summary>Parses <paramref name="text"/>; <paramref name="error"/> names an unknown or unfinished variable, or an address that is not http(s).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out LayerUrlTemplate? template, [NotNullWhen(false)] out string? error)
    {
        template = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is required for a url provider (an address with $xmin, $ymin, $xmax, $ymax, $width, $height, $srs, $zoom)";
            return false;
        }

        var parts = new List<string>();
        var literal = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '$')
            {
                literal.Append(text[i]);
                continue;
            }

            bool braced = i + 1 < text.Length && text[i + 1] == '{';
            int start = i + (braced ? 2 : 1), end = start;
            while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                end++;
            }

            string name = text[start..end];
            if (braced && (end >= text.Length || text[end] != '}'))
            {
                error = $"'${{{name}' has no closing '}}'";
                return false;
            }

            if (!Variables.Contains(name, StringComparer.Ordinal))
            {
                error = name.Length == 0
                    ? $"a '$' at character {i + 1} is not followed by a variable name; known: {string.Join(", ", Variables.Select(v => "$" + v))}"
                    : $"'${name}' is not a template variable; known: {string.Join(", ", Variables.Select(v => "$" + v))}";
                return false;
            }

            parts.Add(literal.ToString());
            parts.Add(name);
            literal.Clear();
            i = braced ? end : end - 1;
        }

        parts.Add(literal.ToString());
        var parsed = new LayerUrlTemplate([.. parts]);
        string sample = parsed.Format(0, 0, 1, 1, 256, 256, 0);
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{text}' is not an absolute http or https address";
            return false;
        }

        template = parsed;
        error = null;
        return true;
    }

    /// <summary>The address of the image of the box from (<paramref name="xMin"/>, <paramref name="yMin"/>) to (<paramref name="xMax"/>, <paramref name="yMax"/>) in EPSG:3857 metres, <paramref name="widthPx"/> by <paramref name="heightPx"/> pixels.</summary>
    public string Format(double xMin, double yMin, double xMax, double yMax, int widthPx, int heightPx, int zoom)
    {
        var url = new StringBuilder();
        for (int i = 0; i < _parts.Length; i++)
        {
            if (i % 2 == 0)
            {
                url.Append(_parts[i]);
                continue;
            }

            // Plain decimals to 15 significant digits (a tenth of a micrometre at the world edge), never exponents, which WMS servers may not read.
            url.Append(_parts[i] switch
            {
                "xmin" => Number(xMin),
                "ymin" => Number(yMin),
                "xmax" => Number(xMax),
                "ymax" => Number(yMax),
                "width" => widthPx.ToString(CultureInfo.InvariantCulture),
                "height" => heightPx.ToString(CultureInfo.InvariantCulture),
                "zoom" => zoom.ToString(CultureInfo.InvariantCulture),
                _ => Srs,
            });
        }

        return url.ToString();
    }

    private static string Number(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
