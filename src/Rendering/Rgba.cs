using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TileCluster.Rendering;

/// <summary>A non-premultiplied sRGB colour with alpha.</summary>
internal readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Parses <c>#rgb</c>, <c>#rrggbb</c> or <c>#rrggbbaa</c>.</summary>
    public static bool TryParse(string? text, out Rgba color, [NotNullWhen(false)] out string? error)
    {
        color = default;
        error = null;
        if (string.IsNullOrEmpty(text) || text[0] != '#')
        {
            error = $"colour '{text}' must start with '#'";
            return false;
        }

        ReadOnlySpan<char> hex = text.AsSpan(1);
        if (hex.Length == 3)
        {
            hex = new string([hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]]);
        }

        if ((hex.Length != 6 && hex.Length != 8) || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value))
        {
            error = $"colour '{text}' is not #rgb, #rrggbb or #rrggbbaa";
            return false;
        }

        color = hex.Length == 6
            ? new Rgba((byte)(value >> 16), (byte)(value >> 8), (byte)value)
            : new Rgba((byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value);
        return true;
    }

    /// <summary>The same colour with its alpha multiplied by <paramref name="opacity"/> (0..1).</summary>
    public Rgba WithOpacity(double opacity) => this with { A = (byte)Math.Round(A * Math.Clamp(opacity, 0, 1)) };

    /// <inheritdoc />
    public override string ToString() => A == 255 ? $"#{R:x2}{G:x2}{B:x2}" : $"#{R:x2}{G:x2}{B:x2}{A:x2}";
}
