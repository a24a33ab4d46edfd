using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Http;

/// <summary>The style checks every map endpoint makes: is the style configured, and is a zoom inside its range.</summary>
internal static class StyleRules
{
    /// <summary>Finds <paramref name="style"/>; otherwise <paramref name="notFound"/> is the 404 detail, naming the known styles.</summary>
    public static bool TryFind(StylesOptions styles, string style, [NotNullWhen(true)] out StyleOptions? options, [NotNullWhen(false)] out string? notFound)
    {
        if (styles.Styles.TryGetValue(style, out options))
        {
            notFound = null;
            return true;
        }

        notFound = $"style '{Shorten(style)}' is not configured; known styles: {string.Join(", ", styles.Styles.Keys)}";
        return false;
    }

    /// <summary>
    /// Null when every zoom in <paramref name="min"/>..<paramref name="max"/> (fractional zooms
    /// included: 19.5 draws with the rules of 19) is inside the style's range; else the 400 detail,
    /// which starts with <paramref name="what"/>.
    /// </summary>
    public static string? ZoomOutside(StyleOptions options, string style, string what, double min, double max) =>
        min < options.MinZoom || max >= options.MaxZoom + 1
            ? string.Create(CultureInfo.InvariantCulture, $"{what} is outside {options.MinZoom}..{options.MaxZoom} for style '{style}'")
            : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
