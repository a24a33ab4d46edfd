using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TileCluster.Rendering.Native;

namespace TileCluster.Rendering.Imaging;

/// <summary>
/// Palette quantisation through a colour histogram. A rendered map has flat fills and
/// antialiased edges: tens of thousands of distinct colours over millions of pixels. Counting
/// them once, quantising the histogram with libimagequant and remapping each distinct colour
/// once is several times faster than quantising and remapping every pixel, with the same
/// palette quality (no dithering either way: crisp lines matter more on maps).
/// </summary>
internal sealed class HistogramPalette
{
    private const int TableBits = 18;
    private const int TableSize = HistogramBuffers.TableSize;
    private const int TableMask = TableSize - 1;

    /// <summary>Above this many distinct colours the table gets slow; callers fall back to full-image quantisation.</summary>
    public const int MaxDistinctColors = TableSize / 2;

    private readonly uint[] _keys;
    private readonly uint[] _counts;
    private readonly byte[] _paletteIndexOfSlot;
    private readonly int _width;
    private readonly int _height;

    private HistogramPalette(int width, int height, HistogramBuffers buffers)
    {
        _width = width;
        _height = height;
        _keys = buffers.Keys;
        _counts = buffers.Counts;
        _paletteIndexOfSlot = buffers.PaletteIndexOfSlot;
        Array.Clear(_counts, 0, TableSize);
    }

    /// <summary>The palette, at most 256 straight-alpha colours.</summary>
    public Rgba[] Palette { get; } = new Rgba[PaletteQuantizer.MaxColors];

    /// <summary>Entries used in <see cref="Palette"/>.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Counts the colours of a premultiplied BGRA area and builds its palette in
    /// <paramref name="buffers"/>, which it uses until they build the next one; null when the area
    /// has too many distinct colours for this method.
    /// </summary>
    public static HistogramPalette? TryBuild(ReadOnlySpan<byte> area, int stride, int width, int height, PaletteQuantizer quantizer, HistogramBuffers buffers)
    {
        var histogram = new HistogramPalette(width, height, buffers);
        if (!histogram.CountColors(area, stride, height, out int distinct))
        {
            return null;
        }

        histogram.BuildPalette(distinct, quantizer);
        return histogram;
    }

    /// <summary>Writes the palette index of every pixel of <paramref name="area"/> (the image counted), row by row.</summary>
    public void WriteIndices(ReadOnlySpan<byte> area, int stride, Span<byte> indices) => WriteIndices(area, stride, 0, 0, _width, _height, indices);

    /// <summary>
    /// Writes the palette index of every pixel of the <paramref name="width"/> x
    /// <paramref name="height"/> rectangle at (<paramref name="left"/>, <paramref name="top"/>) of
    /// <paramref name="area"/>, the image this palette counted, row by row, <paramref name="width"/>
    /// per row. Each pixel's colour is looked up again rather than remembered from the count: reading
    /// the pixels twice moves less memory than writing and reading a slot per pixel (16 MB for a
    /// 2048² metatile). Safe to call from several threads at once.
    /// </summary>
    public void WriteIndices(ReadOnlySpan<byte> area, int stride, int left, int top, int width, int height, Span<byte> indices)
    {
        if (left < 0 || top < 0 || width < 0 || height < 0 || left + width > _width || top + height > _height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"the rectangle {left},{top} {width}x{height} is not inside the {_width}x{_height} image");
        }

        if (width == 0)
        {
            return;
        }

        ReadOnlySpan<byte> indexOfSlot = _paletteIndexOfSlot;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<uint> row = MemoryMarshal.Cast<byte, uint>(area.Slice(((top + y) * stride) + (left * 4), width * 4));
            Span<byte> target = indices.Slice(y * width, width);
            uint previous = row[0];
            byte index = indexOfSlot[SlotOf(previous)];
            int x = 0;
            while (x < row.Length)
            {
                // Flat fills give long runs of one colour: 8 pixels equal to the previous one take
                // one compare and one store.
                if (Vector256.IsHardwareAccelerated && x + Vector256<uint>.Count <= row.Length
                    && Vector256.Create(row.Slice(x, Vector256<uint>.Count)) == Vector256.Create(previous))
                {
                    target.Slice(x, Vector256<uint>.Count).Fill(index);
                    x += Vector256<uint>.Count;
                    continue;
                }

                int end = Math.Min(row.Length, x + Vector256<uint>.Count);
                for (; x < end; x++)
                {
                    uint color = row[x];
                    if (color != previous)
                    {
                        previous = color;
                        index = indexOfSlot[SlotOf(color)];
                    }

                    target[x] = index;
                }
            }
        }
    }

    // The table slot of a colour the count saw: the same probe as the count's insertion, which
    // stops at the colour's own slot before any slot left over from an earlier image.
    private int SlotOf(uint color)
    {
        int slot = (int)((color * 2654435769u) >> (32 - TableBits));
        while (_counts[slot] != 0 && _keys[slot] != color)
        {
            slot = (slot + 1) & TableMask;
        }

        return slot;
    }

    private bool CountColors(ReadOnlySpan<byte> area, int stride, int height, out int distinct)
    {
        distinct = 0;
        uint previous = 0;
        int previousSlot = -1;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<uint> row = MemoryMarshal.Cast<byte, uint>(area.Slice(y * stride, _width * 4));
            int x = 0;
            while (x < row.Length)
            {
                // Flat fills give long runs of one colour: 8 pixels equal to the previous one take
                // one compare and one count.
                if (Vector256.IsHardwareAccelerated && previousSlot >= 0 && x + Vector256<uint>.Count <= row.Length
                    && Vector256.Create(row.Slice(x, Vector256<uint>.Count)) == Vector256.Create(previous))
                {
                    _counts[previousSlot] += (uint)Vector256<uint>.Count;
                    x += Vector256<uint>.Count;
                    continue;
                }

                // Otherwise a group of single pixels (up to 8, so runs are looked for again soon).
                int end = Math.Min(row.Length, x + Vector256<uint>.Count);
                for (; x < end; x++)
                {
                    uint color = row[x];
                    if (color != previous || previousSlot < 0)
                    {
                        // Fibonacci hashing, linear probing; a zero count marks an empty slot.
                        int slot = (int)((color * 2654435769u) >> (32 - TableBits));
                        while (_counts[slot] != 0 && _keys[slot] != color)
                        {
                            slot = (slot + 1) & TableMask;
                        }

                        if (_counts[slot] == 0)
                        {
                            if (++distinct > MaxDistinctColors)
                            {
                                return false;
                            }

                            _keys[slot] = color;
                        }

                        previous = color;
                        previousSlot = slot;
                    }

                    _counts[previousSlot]++;
                }
            }
        }

        return true;
    }

    private void BuildPalette(int distinct, PaletteQuantizer quantizer)
    {
        var slots = new int[distinct];
        var colors = new uint[distinct];
        var counts = new uint[distinct];
        int n = 0;
        for (int slot = 0; slot < TableSize; slot++)
        {
            if (_counts[slot] != 0)
            {
                slots[n] = slot;
                colors[n] = ToStraightRgba(_keys[slot]);
                counts[n] = _counts[slot];
                n++;
            }
        }

        if (distinct <= PaletteQuantizer.MaxColors)
        {
            // Few enough colours: the palette is exact.
            for (int i = 0; i < distinct; i++)
            {
                Palette[i] = Unpack(colors[i]);
                _paletteIndexOfSlot[slots[i]] = (byte)i;
            }

            Count = distinct;
            return;
        }

        Count = ImageQuantNative.QuantizeHistogram(colors, counts, quantizer.Speed, quantizer.MinQuality, quantizer.MaxQuality, Palette);
        var nearest = new NearestColor(Palette.AsSpan(0, Count));
        for (int i = 0; i < distinct; i++)
        {
            _paletteIndexOfSlot[slots[i]] = nearest.Find(Unpack(colors[i]));
        }
    }

    // The canvas holds B, G, R, A bytes, premultiplied (Skia's Bgra8888); liq wants straight R, G, B, A.
    private static uint ToStraightRgba(uint bgra)
    {
        uint a = bgra >> 24;
        uint r = (bgra >> 16) & 0xFF;
        uint g = (bgra >> 8) & 0xFF;
        uint b = bgra & 0xFF;
        if (a is not 0 and not 255)
        {
            r = Math.Min(255, ((r * 255) + (a / 2)) / a);
            g = Math.Min(255, ((g * 255) + (a / 2)) / a);
            b = Math.Min(255, ((b * 255) + (a / 2)) / a);
        }

        return r | (g << 8) | (b << 16) | (a << 24);
    }

    private static Rgba Unpack(uint rgba) => new((byte)rgba, (byte)(rgba >> 8), (byte)(rgba >> 16), (byte)(rgba >> 24));
}
