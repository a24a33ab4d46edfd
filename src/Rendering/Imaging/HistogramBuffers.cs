namespace TileCluster.Rendering.Imaging;

/// <summary>
/// The large arrays of a <see cref="HistogramPalette"/>: the colour table and the slot of every
/// pixel (16 MB for a 2048² metatile). A render thread keeps one for its life. Fresh memory costs
/// a page fault per 4 KB page on first touch: with arrays from a pool, which hands each thread its
/// own and may trim them, a thread's first renders spent ~70 ms more in the encoder (measured on a
/// cold z17 miss), and so would any render after the pool let them go.
/// </summary>
internal sealed class HistogramBuffers
{
    /// <summary>Slots in the colour table.</summary>
    public const int TableSize = 1 << 18;

    private int[] _slotOfPixel = [];

    /// <summary>The colour of each table slot (premultiplied BGRA).</summary>
    public uint[] Keys { get; } = new uint[TableSize];

    /// <summary>Pixels per table slot; 0 marks an empty slot.</summary>
    public uint[] Counts { get; } = new uint[TableSize];

    /// <summary>The palette index of each table slot.</summary>
    public byte[] PaletteIndexOfSlot { get; } = new byte[TableSize];

    /// <summary>The slot of each pixel, for at least <paramref name="pixels"/> pixels.</summary>
    public int[] SlotsFor(int pixels)
    {
        if (_slotOfPixel.Length < pixels)
        {
            _slotOfPixel = new int[pixels];
        }

        return _slotOfPixel;
    }

    /// <summary>Allocates and touches every page for images of up to <paramref name="pixels"/> pixels, so no render pays for it.</summary>
    public void Prepare(int pixels)
    {
        SlotsFor(pixels).AsSpan().Clear();
        Keys.AsSpan().Clear();
        Counts.AsSpan().Clear();
        PaletteIndexOfSlot.AsSpan().Clear();
    }
}
