using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TileCluster.Rendering.Imaging;

/// <summary>
/// Converts canvas pixels (premultiplied B, G, R, A bytes: Skia's Bgra8888, Cairo's ARGB32 on
/// little-endian) to the
/// straight-alpha byte orders PNG and libimagequant want.
/// </summary>
internal static class PixelConversion
{
    /// <summary>Converts one premultiplied BGRA row to straight RGBA (same pixel count).</summary>
    public static void Argb32RowToRgba(ReadOnlySpan<byte> bgra, Span<byte> rgba)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("premultiplied BGRA conversion is only implemented for little-endian");
        }

        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // Map tiles are almost entirely opaque: there un-premultiplying is just a B/R swap.
            Vector128<byte> swap = Vector128.Create((byte)2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15);
            Vector128<uint> alphaMask = Vector128.Create(0xFF000000u);
            ReadOnlySpan<uint> source = MemoryMarshal.Cast<byte, uint>(bgra);
            for (; i + 16 <= bgra.Length; i += 16)
            {
                Vector128<uint> pixels = Vector128.Create(source.Slice(i / 4, 4));
                if ((pixels & alphaMask) != alphaMask)
                {
                    UnpremultiplyScalar(bgra.Slice(i, 16), rgba.Slice(i, 16));
                    continue;
                }

                Vector128.Shuffle(pixels.AsByte(), swap).CopyTo(rgba[i..]);
            }
        }

        UnpremultiplyScalar(bgra[i..], rgba[i..]);
    }

    /// <summary>
    /// Converts one premultiplied BGRA row to straight RGB (3 bytes per pixel), or RGBA when
    /// <paramref name="withAlpha"/> is set.
    /// </summary>
    public static void Argb32RowToRgb(ReadOnlySpan<byte> bgra, Span<byte> destination, bool withAlpha)
    {
        if (withAlpha)
        {
            Argb32RowToRgba(bgra, destination);
            return;
        }

        for (int s = 0, d = 0; s + 3 < bgra.Length; s += 4, d += 3)
        {
            // Only called for opaque rows, where premultiplied equals straight colour.
            destination[d] = bgra[s + 2];
            destination[d + 1] = bgra[s + 1];
            destination[d + 2] = bgra[s];
        }
    }

    private static void UnpremultiplyScalar(ReadOnlySpan<byte> bgra, Span<byte> rgba)
    {
        for (int s = 0; s + 3 < bgra.Length; s += 4)
        {
            int a = bgra[s + 3];
            if (a == 255)
            {
                rgba[s] = bgra[s + 2];
                rgba[s + 1] = bgra[s + 1];
                rgba[s + 2] = bgra[s];
            }
            else if (a == 0)
            {
                rgba[s] = 0;
                rgba[s + 1] = 0;
                rgba[s + 2] = 0;
            }
            else
            {
                int half = a / 2;
                rgba[s] = (byte)Math.Min(255, ((bgra[s + 2] * 255) + half) / a);
                rgba[s + 1] = (byte)Math.Min(255, ((bgra[s + 1] * 255) + half) / a);
                rgba[s + 2] = (byte)Math.Min(255, ((bgra[s] * 255) + half) / a);
            }

            rgba[s + 3] = (byte)a;
        }
    }
}
