using System.Globalization;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>
/// A parsed expire list: the tiles osm2pgsql's <c>--expire-output</c> names, one <c>z/x/y</c>
/// per line (osm2pgsql 1.8 writes no other form; <c>render_expired</c> reads the same).
/// Parsing is all or nothing: a list with any bad line has <see cref="Errors"/> and no tiles,
/// so a caller never applies part of a list.
/// </summary>
public sealed class ExpireList
{
    /// <summary>At most this many errors are itemised; <see cref="ErrorCount"/> counts them all.</summary>
    public const int MaxReportedErrors = 100;

    private ExpireList(IReadOnlyList<TileCoord> tiles, int lines, IReadOnlyList<ExpireLineError> errors, int errorCount)
    {
        Tiles = tiles;
        Lines = lines;
        Errors = errors;
        ErrorCount = errorCount;
    }

    /// <summary>The tiles, in file order (duplicates kept; expansion removes them). Empty when there are errors.</summary>
    public IReadOnlyList<TileCoord> Tiles { get; }

    /// <summary>Lines read, blank ones included.</summary>
    public int Lines { get; }

    /// <summary>The first <see cref="MaxReportedErrors"/> bad lines.</summary>
    public IReadOnlyList<ExpireLineError> Errors { get; }

    /// <summary>How many lines were bad.</summary>
    public int ErrorCount { get; }

    /// <summary>Whether every line was read.</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>
    /// Parses UTF-8 text. Lines end in LF or CRLF; blank lines are skipped; anything else must be
    /// exactly <c>z/x/y</c> in decimal with the tile inside its zoom's grid.
    /// </summary>
    public static ExpireList Parse(ReadOnlySpan<byte> utf8)
    {
        var tiles = new List<TileCoord>(Math.Min(utf8.Length / 8, 1 << 20));
        var errors = new List<ExpireLineError>();
        int errorCount = 0;
        int lineNumber = 0;
        while (!utf8.IsEmpty)
        {
            lineNumber++;
            int end = utf8.IndexOf((byte)'\n');
            var line = end < 0 ? utf8 : utf8[..end];
            utf8 = end < 0 ? [] : utf8[(end + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            if (TryParseLine(line, out var tile, out string? reason))
            {
                tiles.Add(tile);
                continue;
            }

            errorCount++;
            if (errors.Count < MaxReportedErrors)
            {
                errors.Add(new ExpireLineError(lineNumber, reason));
            }
        }

        return errorCount == 0
            ? new ExpireList(tiles, lineNumber, [], 0)
            : new ExpireList([], lineNumber, errors, errorCount);
    }

    /// <summary>Parses one line (without its line ending).</summary>
    public static bool TryParseLine(ReadOnlySpan<byte> line, out TileCoord tile, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? reason)
    {
        tile = default;
        Span<int> parts = stackalloc int[3];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] != (byte)'/')
            {
                continue;
            }

            if (part == 3)
            {
                reason = $"expected z/x/y but found more than three parts in '{Show(line)}'";
                return false;
            }

            if (!TryParseNumber(line[start..i], out parts[part]))
            {
                string name = part switch { 0 => "zoom", 1 => "x", _ => "y" };
                var digits = line[start..i];
                reason = digits.IsEmpty
                    ? $"expected z/x/y but the {name} is missing in '{Show(line)}'"
                    : digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
                        ? $"{name} {Show(digits)} is too large in '{Show(line)}'"
                        : $"{name} '{Show(digits)}' is not a whole number in '{Show(line)}'";
                return false;
            }

            part++;
            start = i + 1;
        }

        if (part != 3)
        {
            reason = $"expected z/x/y but found {part} part{(part == 1 ? string.Empty : "s")} in '{Show(line)}'";
            return false;
        }

        if (!TileCoord.TryCreate(parts[0], parts[1], parts[2], out tile, out string? error))
        {
            reason = $"{error} in '{Show(line)}'";
            return false;
        }

        reason = null;
        return true;
    }

    private static bool TryParseNumber(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    // Echo at most 40 characters of what was sent, with control characters made visible.
    private static string Show(ReadOnlySpan<byte> text)
    {
        var chars = new System.Text.StringBuilder();
        foreach (byte b in text[..Math.Min(text.Length, 40)])
        {
            chars.Append(b is >= 0x20 and < 0x7f ? (char)b : string.Create(CultureInfo.InvariantCulture, $"\\x{b:x2}"));
        }

        return text.Length > 40 ? chars.Append('…').ToString() : chars.ToString();
    }
}
