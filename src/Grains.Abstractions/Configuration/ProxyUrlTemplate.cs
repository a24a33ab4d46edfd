using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// A <c>proxy</c> layer's upstream URL: an absolute http(s) URL with <c>{Z}</c>, <c>{X}</c> and
/// <c>{Y}</c> (TileStache's names, matched without regard to case; <c>{Y}</c> counts rows from
/// the north, as XYZ servers do).
/// </summary>
public static class ProxyUrlTemplate
{
    private static readonly string[] Variables = ["z", "x", "y"];

    /// <summary>Checks <paramref name="template"/>; the error names the problem (a missing or unknown variable, a scheme).</summary>
    public static bool TryValidate(string template, [NotNullWhen(false)] out string? error)
    {
        if (!Uri.TryCreate(template.Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{template}' is not an absolute http or https URL";
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        int at = 0;
        while ((at = template.IndexOf('{', at)) >= 0)
        {
            int end = template.IndexOf('}', at);
            if (end < 0)
            {
                error = $"'{template}' has a '{{' without its '}}'";
                return false;
            }

            string name = template[(at + 1)..end];
            if (!Variables.Contains(name.ToLowerInvariant()))
            {
                error = $"'{{{name}}}' is not a template variable; use {{Z}}, {{X}} and {{Y}}";
                return false;
            }

            seen.Add(name.ToLowerInvariant());
            at = end + 1;
        }

        if (seen.Count != Variables.Length)
        {
            error = $"'{template}' must contain {{Z}}, {{X}} and {{Y}}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The URL of <paramref name="tile"/> under a validated <paramref name="template"/>.</summary>
    public static Uri Expand(string template, TileCoord tile)
    {
        var url = new StringBuilder(template.Length + 16);
        int at = 0;
        while (at < template.Length)
        {
            int open = template.IndexOf('{', at);
            if (open < 0)
            {
                url.Append(template, at, template.Length - at);
                break;
            }

            int close = template.IndexOf('}', open);
            url.Append(template, at, open - at);
            int value = char.ToLowerInvariant(template[open + 1]) switch
            {
                'z' => tile.Z,
                'x' => tile.X,
                _ => tile.Y,
            };
            url.Append(value.ToString(CultureInfo.InvariantCulture));
            at = close + 1;
        }

        return new Uri(url.ToString(), UriKind.Absolute);
    }
}
