namespace TileCluster.Grains.Abstractions.Export;

/// <summary>
/// Adler-32 (RFC 1950), the checksum that ends a zlib stream. Silos checksum the strips they
/// compress; the gateway combines them (zlib's <c>adler32_combine</c>) into the checksum of the
/// stream it stitches, without ever seeing the uncompressed bytes.
/// </summary>
public static class Adler32
{
    /// <summary>The checksum of no bytes.</summary>
    public const uint Initial = 1;

    private const uint Base = 65521;

    // The largest n with 255 n (n + 1) / 2 + (n + 1) (Base - 1) below 2^32 (zlib's NMAX).
    private const int MaxRun = 5552;

    /// <summary>Extends <paramref name="adler"/> (of the bytes so far) over <paramref name="data"/>.</summary>
    public static uint Update(uint adler, ReadOnlySpan<byte> data)
    {
        uint a = adler & 0xffff, b = adler >> 16;
        while (!data.IsEmpty)
        {
            int n = Math.Min(data.Length, MaxRun);
            foreach (byte value in data[..n])
            {
                a += value;
                b += a;
            }

            a %= Base;
            b %= Base;
            data = data[n..];
        }

        return (b << 16) | a;
    }

    /// <summary>
    /// The checksum of two byte sequences one after the other, from the checksum of each and the
    /// length of the second.
    /// </summary>
    public static uint Combine(uint first, uint second, long secondLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(secondLength);
        ulong remainder = (ulong)(secondLength % Base);
        ulong sum1 = first & 0xffff;
        ulong sum2 = (remainder * sum1) % Base;
        sum1 += (second & 0xffff) + Base - 1;
        sum2 += ((first >> 16) & 0xffff) + ((second >> 16) & 0xffff) + Base - remainder;
        if (sum1 >= Base)
        {
            sum1 -= Base;
        }

        if (sum1 >= Base)
        {
            sum1 -= Base;
        }

        if (sum2 >= (ulong)Base << 1)
        {
            sum2 -= (ulong)Base << 1;
        }

        if (sum2 >= Base)
        {
            sum2 -= Base;
        }

        return (uint)(sum1 | (sum2 << 16));
    }
}
