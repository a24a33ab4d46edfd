using System.Numerics;

namespace TileCluster.Rendering.Imaging;

/// <summary>
/// Finds the palette entry nearest to a colour: the smallest sum of squared channel differences
/// weighted 2 (red), 4 (green), 1 (blue) and 4 (alpha), roughly as the eye weighs them; of equally
/// near entries the first wins. Compares <see cref="Vector{T}.Count"/> entries at a time, which
/// matters because every distinct colour of a metatile (tens of thousands) is looked up once.
/// </summary>
internal sealed class NearestColor
{
    // Padding entries sit this far outside the colour cube, so they never win (and 11 * Far² fits an int).
    private const int Far = 4096;

    private readonly int[] _r;
    private readonly int[] _g;
    private readonly int[] _b;
    private readonly int[] _a;
    private readonly int[] _firstIndices;

    /// <summary>Prepares lookups in <paramref name="palette"/> (1..256 entries).</summary>
    public NearestColor(ReadOnlySpan<Rgba> palette)
    {
        if (palette.Length is < 1 or > 256)
        {
            throw new ArgumentException("the palette must have 1..256 entries", nameof(palette));
        }

        int lanes = Vector<int>.Count;
        int padded = (palette.Length + lanes - 1) / lanes * lanes;
        _r = new int[padded];
        _g = new int[padded];
        _b = new int[padded];
        _a = new int[padded];
        for (int i = 0; i < padded; i++)
        {
            var color = i < palette.Length ? palette[i] : default;
            bool real = i < palette.Length;
            _r[i] = real ? color.R : Far;
            _g[i] = real ? color.G : Far;
            _b[i] = real ? color.B : Far;
            _a[i] = real ? color.A : Far;
        }

        _firstIndices = new int[lanes];
        for (int lane = 0; lane < lanes; lane++)
        {
            _firstIndices[lane] = lane;
        }
    }

    /// <summary>The index of the entry nearest to <paramref name="color"/>.</summary>
    public byte Find(Rgba color)
    {
        int lanes = Vector<int>.Count;
        var r = new Vector<int>(color.R);
        var g = new Vector<int>(color.G);
        var b = new Vector<int>(color.B);
        var a = new Vector<int>(color.A);
        var step = new Vector<int>(lanes);
        var index = new Vector<int>(_firstIndices);
        var bestDistance = new Vector<int>(int.MaxValue);
        var bestIndex = Vector<int>.Zero;
        for (int i = 0; i < _r.Length; i += lanes)
        {
            var dr = new Vector<int>(_r, i) - r;
            var dg = new Vector<int>(_g, i) - g;
            var db = new Vector<int>(_b, i) - b;
            var da = new Vector<int>(_a, i) - a;
            var distance = (dr * dr * 2) + (dg * dg * 4) + (db * db) + (da * da * 4);

            // Strictly closer only: each lane keeps the first of its equally near entries.
            var closer = Vector.LessThan(distance, bestDistance);
            bestDistance = Vector.ConditionalSelect(closer, distance, bestDistance);
            bestIndex = Vector.ConditionalSelect(closer, index, bestIndex);
            index += step;
        }

        int best = 0;
        int min = int.MaxValue;
        for (int lane = 0; lane < lanes; lane++)
        {
            int distance = bestDistance[lane];
            int at = bestIndex[lane];
            if (distance < min || (distance == min && at < best))
            {
                min = distance;
                best = at;
            }
        }

        return (byte)best;
    }
}
