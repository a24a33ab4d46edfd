using System.Globalization;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Cli.Replication;

/// <summary>A zoom range as osm2pgsql's <c>--expire-tiles</c> takes it: <c>10-18</c>, or one zoom <c>15</c>.</summary>
public readonly record struct ZoomRange(int Min, int Max)
{
    /// <summary>osm2pgsql's spelling.</summary>
    public override string ToString() => Min == Max
        ? Min.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");

    /// <summary>Parses <c>MIN-MAX</c> or <c>Z</c>, each 0..<see cref="TileCoord.MaxSupportedZoom"/>, MIN ≤ MAX.</summary>
    public static bool TryParse(string text, out ZoomRange range, out string? error)
    {
        range = default;
        string trimmed = text.Trim();
        int dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        string minText = dash < 0 ? trimmed : trimmed[..dash];
        string maxText = dash < 0 ? trimmed : trimmed[(dash + 1)..];
        if (!TryParseZoom(minText, out int min) || !TryParseZoom(maxText, out int max))
        {
            error = $"'{text}' is not a zoom range: use MIN-MAX (e.g. 10-18) or one zoom, each a whole number 0..{TileCoord.MaxSupportedZoom}";
            return false;
        }

        if (min > max)
        {
            error = $"'{text}' is not a zoom range: {min} is above {max}";
            return false;
        }

        range = new ZoomRange(min, max);
        error = null;
        return true;
    }

    private static bool TryParseZoom(string text, out int zoom) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out zoom) && zoom <= TileCoord.MaxSupportedZoom;
}
