namespace TileCluster.Rendering.Export;

/// <summary>
/// PNG scanline filtering (RFC 2083, filter method 0) for 8-bit RGBA rows: each row is tried with
/// None, Sub, Up and Paeth, and the one with the smallest sum of absolute byte values is kept
/// (libpng's heuristic). Up and Paeth need the row above; a strip's first row has none, so it is
/// filtered with None or Sub only.
/// </summary>
internal static class PngRowFilter
{
    private const int BytesPerPixel = 4;

    /// <summary>
    /// Filters <paramref name="row"/> into <paramref name="scratch"/> (four buffers of
    /// 1 + row length bytes, one per filter tried) and returns the chosen one: its type byte, then the row.
    /// </summary>
    /// <param name="row">The row's RGBA bytes.</param>
    /// <param name="prior">The row above, or empty for a strip's first row.</param>
    /// <param name="scratch">Four buffers of at least 1 + <paramref name="row"/>.Length bytes.</param>
    public static ReadOnlySpan<byte> Filter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, byte[][] scratch)
    {
        int best = -1;
        long bestSum = long.MaxValue;
        int types = prior.IsEmpty ? 2 : 4;
        for (int t = 0; t < types; t++)
        {
            var into = scratch[t].AsSpan(0, row.Length + 1);
            long sum = t switch
            {
                0 => None(row, into),
                1 => Sub(row, into),
                2 => Up(row, prior, into),
                _ => Paeth(row, prior, into),
            };
            if (sum < bestSum)
            {
                bestSum = sum;
                best = t;
            }
        }

        return scratch[best].AsSpan(0, row.Length + 1);
    }

    private static long None(ReadOnlySpan<byte> row, Span<byte> into)
    {
        into[0] = 0;
        row.CopyTo(into[1..]);
        long sum = 0;
        foreach (byte b in row)
        {
            sum += Cost(b);
        }

        return sum;
    }

    private static long Sub(ReadOnlySpan<byte> row, Span<byte> into)
    {
        into[0] = 1;
        long sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            byte value = (byte)(row[i] - (i >= BytesPerPixel ? row[i - BytesPerPixel] : 0));
            into[i + 1] = value;
            sum += Cost(value);
        }

        return sum;
    }

    private static long Up(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, Span<byte> into)
    {
        into[0] = 2;
        long sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            byte value = (byte)(row[i] - prior[i]);
            into[i + 1] = value;
            sum += Cost(value);
        }

        return sum;
    }

    private static long Paeth(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, Span<byte> into)
    {
        into[0] = 4;
        long sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= BytesPerPixel ? row[i - BytesPerPixel] : 0;
            int b = prior[i];
            int c = i >= BytesPerPixel ? prior[i - BytesPerPixel] : 0;
            byte value = (byte)(row[i] - Predict(a, b, c));
            into[i + 1] = value;
            sum += Cost(value);
        }

        return sum;
    }

    /// <summary>The Paeth predictor: whichever of left, up and up-left is closest to left + up - up-left.</summary>
    public static int Predict(int left, int up, int upLeft)
    {
        int p = left + up - upLeft;
        int pa = Math.Abs(p - left), pb = Math.Abs(p - up), pc = Math.Abs(p - upLeft);
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }

    // A filtered byte read as signed: small magnitudes compress best.
    private static int Cost(byte value) => value < 128 ? value : 256 - value;
}
