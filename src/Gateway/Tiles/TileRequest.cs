using System.Diagnostics.CodeAnalysis;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Tiles;

/// <summary>A parsed, range-checked tile request: <c>/{style}/{z}/{x}/{y}[@2x].png</c>.</summary>
/// <param name="Style">The style's URL name (not yet checked against the configuration).</param>
/// <param name="Scale">1, or 2 for <c>@2x</c>.</param>
/// <param name="Tile">The tile.</param>
internal readonly record struct TileRequest(string Style, int Scale, TileCoord Tile)
{
    private const int MaxDigits = 9;

    /// <summary>The grain key of the metatile holding this tile.</summary>
    public MetatileKey MetatileKey => MetatileKey.For(Style, Scale, Tile);

    /// <summary>Parses the path segments after the style; the error names the offending part.</summary>
    public static bool TryParse(string style, string z, string x, string file, out TileRequest request, [NotNullWhen(false)] out string? error)
    {
        request = default;
        if (!TryParseNumber("z", z, out int zoom, out error) || !TryParseNumber("x", x, out int column, out error))
        {
            return false;
        }

        if (!TrySplitFile(file, out var yText, out int scale, out error) || !TryParseNumber("y", yText, out int row, out error))
        {
            return false;
        }

        if (!TileCoord.TryCreate(zoom, column, row, out var tile, out error))
        {
            return false;
        }

        request = new TileRequest(style, scale, tile);
        return true;
    }

    private static bool TrySplitFile(string file, out ReadOnlySpan<char> y, out int scale, [NotNullWhen(false)] out string? error)
    {
        ReadOnlySpan<char> span = file;
        y = default;
        scale = 1;
        int dot = span.LastIndexOf('.');
        if (dot < 0)
        {
            error = $"'{Shorten(file)}' has no extension; tiles are '{{y}}.png' or '{{y}}@2x.png'";
            return false;
        }

        if (!span[dot..].SequenceEqual(".png"))
        {
            error = $"extension '{Shorten(file[dot..])}' is not supported; tiles are '.png'";
            return false;
        }

        y = span[..dot];
        if (y.EndsWith("@2x"))
        {
            scale = 2;
            y = y[..^3];
        }

        error = null;
        return true;
    }

    private static bool TryParseNumber(string name, ReadOnlySpan<char> text, out int value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        if (text.IsEmpty || text.Length > MaxDigits)
        {
            error = text.IsEmpty ? $"{name} is empty" : $"{name} '{Shorten(text.ToString())}' is too long";
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                error = text[0] == '-'
                    ? $"{name} {Shorten(text.ToString())} is negative"
                    : $"{name} '{Shorten(text.ToString())}' is not a whole number";
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        error = null;
        return true;
    }

    // Echo at most a little of what the client sent, so error bodies stay small.
    private static string Shorten(string text) => text.Length <= 24 ? text : string.Concat(text.AsSpan(0, 24), "…");
}
