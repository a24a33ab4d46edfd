namespace TileCluster.Rendering;

/// <summary>
/// A metatile drawn but not yet cut and encoded: the canvas it is on, and where its tiles lie. The
/// canvas belongs to the renderer that drew it and is valid until that renderer draws again.
/// </summary>
/// <param name="Canvas">The canvas: the metatile plus <paramref name="BufferPx"/> on every side.</param>
/// <param name="BufferPx">Device pixels of buffer before the metatile's first tile, left and top.</param>
/// <param name="TileSizePx">A tile's side in device pixels.</param>
/// <param name="TilesPerSide">Tiles along one side of the metatile.</param>
internal readonly record struct MetatilePixels(Canvas Canvas, int BufferPx, int TileSizePx, int TilesPerSide)
{
    /// <summary>The metatile's side in device pixels, buffer excluded.</summary>
    public int SizePx => TileSizePx * TilesPerSide;
}
