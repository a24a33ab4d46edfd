namespace TileCluster.Rendering.Imaging;

/// <summary>
/// The colour table of a <see cref="HistogramPalette"/> (2.3 MB). A render thread keeps one for its
/// life and touches it when it starts: fresh memory costs a page fault per 4 KB page on first
/// touch, and arrays from a pool, which hands each thread its own and may trim them, made a
/// thread's first renders slower in the encoder (measured on a new silo's cold z17 misses).
/// </summary>
internal sealed class HistogramBuffers
{
    /// <summary>Slots in the colour table.</summary>
    public const int TableSize = 1 << 18;

    /// <summary>The colour of each table slot (premultiplied BGRA).</summary>
    public uint[] Keys { get; } = new uint[TableSize];

    /// <summary>Pixels per table slot; 0 marks an empty slot.</summary>
    public uint[] Counts { get; } = new uint[TableSize];

    /// <summary>The palette index of each table slot.</summary>
    public byte[] PaletteIndexOfSlot { get; } = new byte[TableSize];

    /// <summary>Touches every page, so no render pays for it.</summary>
    public void Prepare()
    {
        Keys.AsSpan().Clear();
        Counts.AsSpan().Clear();
        PaletteIndexOfSlot.AsSpan().Clear();
    }
}
