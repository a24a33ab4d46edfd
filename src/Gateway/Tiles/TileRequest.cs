using System.Diagnostics.CodeAnalysis;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Tiles;

/// <summary>
/// A parsed, range-checked tile request: <c>/{layer}/{z}/{x}/{y}[@2x].png</c> (or the vector
/// layer's <c>.mvt</c>, <c>.pbf</c>, <c>.geojson</c>), or the same tile in TMS row order at
/// <c>/{layer}/tms/{z}/{x}/{y}[@2x].png</c>.
/// </summary>
/// <param name="Layer">The layer's URL name (not yet checked against the configuration).</param>
/// <param name="Scale">The render scale: 1, or 2 for <c>@2x</c> (or a 512 px layer's plain tiles).</param>
/// <param name="Tile">The tile, in XYZ addressing.</param>
internal readonly record struct TileRequest(string Layer, int Scale, TileCoord Tile)
{
    private const int MaxDigits = 9;

    /// <summary>The grain key of the metatile holding this tile.</summary>
    public MetatileKey MetatileKey => MetatileKey.For(Layer, Scale, Tile);

    /// <summary>
    /// Parses the path segments after the layer; the error names the offending part. With
    /// <paramref name="tms"/> the row counts from the south (<c>y' = 2^z - 1 - y</c>).
    /// </summary>
    /// <param name="format">The layer's tile format: which extensions it answers to, and whether <c>@2x</c> exists.</param>
    public static bool TryParse(string layer, string z, string x, string file, bool tms, TileFormat format, out TileRequest request, [NotNullWhen(false)] out string? error)
    {
        request = default;
        if (!TryParseNumber("z", z, out int zoom, out error) || !TryParseNumber("x", x, out int column, out error))
        {
            return false;
        }

        if (!TrySplitFile(file, format, out var yText, out int scale, out error) || !TryParseNumber("y", yText, out int row, out error))
        {
            return false;
        }

        TileCoord tile;
        if (tms ? !TileCoord.TryCreateTms(zoom, column, row, out tile, out error) : !TileCoord.TryCreate(zoom, column, row, out tile, out error))
        {
            return false;
        }

        request = new TileRequest(layer, scale, tile);
        return true;
    }

    /// <summary>The extension of a tile file name (<c>png</c> for <c>5753@2x.png</c>); empty when it has none.</summary>
    public static ReadOnlySpan<char> ExtensionOf(ReadOnlySpan<char> file)
    {
        int dot = file.LastIndexOf('.');
        return dot < 0 ? [] : file[(dot + 1)..];
    }

    private static bool TrySplitFile(string file, TileFormat format, out ReadOnlySpan<char> y, out int scale, [NotNullWhen(false)] out string? error)
    {
        ReadOnlySpan<char> span = file;
        y = default;
        scale = 1;
        int dot = span.LastIndexOf('.');
        if (dot < 0)
        {
            error = !format.IsImage
                ? $"'{Shorten(file)}' has no extension; tiles of this layer are '{{y}}.{format.Extension}'"
                : $"'{Shorten(file)}' has no extension; tiles are '{{y}}.png' or '{{y}}@2x.png'";
            return false;
        }

        if (!format.Extensions.Contains(span[(dot + 1)..].ToString()))
        {
            error = $"extension '{Shorten(file[dot..])}' is not supported; tiles of this layer are {format.Listing}";
            return false;
        }

        y = span[..dot];
        if (format.IsGrid && y.EndsWith(".grid"))
        {
            // '{y}.grid.json': the extension is 'grid.json', whose last part alone was matched.
            y = y[..^5];
        }

        if (y.EndsWith("@2x"))
        {
            if (format.IsVector)
            {
                error = "vector tiles have no pixel size, so there are no '@2x' vector tiles";
                return false;
            }

            if (format.IsGrid)
            {
                error = "a UTFGrid's size follows its layer's Resolution, so there are no '@2x' grids";
                return false;
            }

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
