using System.Buffers;

using TileCluster.Storage;

namespace TileCluster.Rendering.Imaging;

/// <summary>Cuts a rendered metatile canvas into tiles and encodes them as PNG.</summary>
internal static class MetatileEncoder
{
    /// <summary>
    /// Cuts <paramref name="tilesPerSide"/> x <paramref name="tilesPerSide"/> tiles of
    /// <paramref name="tileSizePx"/> out of <paramref name="canvas"/>, skipping
    /// <paramref name="bufferPx"/> on the left and top edge, and encodes each as PNG. Tiles are
    /// stored x-major (<c>dx * tilesPerSide + dy</c>).
    /// </summary>
    public static RenderedMetatile Encode(Canvas canvas, int bufferPx, int tileSizePx, int tilesPerSide, TileImageFormat format) =>
        Encode(canvas, bufferPx, tileSizePx, tilesPerSide, format, PaletteQuantizer.Default);

    /// <summary>As <see cref="Encode(Canvas, int, int, int, TileImageFormat)"/> with explicit quantizer settings.</summary>
    public static RenderedMetatile Encode(Canvas canvas, int bufferPx, int tileSizePx, int tilesPerSide, TileImageFormat format, PaletteQuantizer quantizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileSizePx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tilesPerSide);
        int areaPx = tileSizePx * tilesPerSide;
        if (bufferPx + areaPx > canvas.Width || bufferPx + areaPx > canvas.Height)
        {
            throw new ArgumentException($"{tilesPerSide}x{tilesPerSide} tiles of {tileSizePx}px plus a {bufferPx}px buffer do not fit a {canvas.Width}x{canvas.Height} canvas");
        }

        ReadOnlySpan<byte> pixels = canvas.GetPixels(out int stride);
        ReadOnlySpan<byte> area = pixels[((bufferPx * stride) + (bufferPx * 4))..];
        byte[][] tiles = format switch
        {
            TileImageFormat.Png256 => EncodePalette(area, stride, tileSizePx, tilesPerSide, quantizer),
            TileImageFormat.Png32 => EncodeTrueColor(area, stride, tileSizePx, tilesPerSide),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown tile format"),
        };
        return new RenderedMetatile(tilesPerSide, tiles);
    }

    private static byte[][] EncodeTrueColor(ReadOnlySpan<byte> area, int stride, int tileSizePx, int tilesPerSide)
    {
        var tiles = new byte[tilesPerSide * tilesPerSide][];
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                ReadOnlySpan<byte> tile = area[((dy * tileSizePx * stride) + (dx * tileSizePx * 4))..];
                tiles[(dx * tilesPerSide) + dy] = PngEncoder.EncodeArgb32(tile, stride, tileSizePx, tileSizePx);
            }
        }

        return tiles;
    }

    private static byte[][] EncodePalette(ReadOnlySpan<byte> area, int stride, int tileSizePx, int tilesPerSide, PaletteQuantizer quantizer)
    {
        int areaPx = tileSizePx * tilesPerSide;
        int pixelCount = areaPx * areaPx;
        byte[] indices = ArrayPool<byte>.Shared.Rent(pixelCount);
        try
        {
            Rgba[] palette;
            using (var histogram = HistogramPalette.TryBuild(area, stride, areaPx, areaPx, quantizer))
            {
                if (histogram is not null)
                {
                    histogram.WriteIndices(indices);
                    palette = histogram.Palette;
                }
                else
                {
                    palette = QuantizeFullImage(area, stride, areaPx, quantizer, indices);
                }
            }

            return SplitIntoTiles(indices, palette, areaPx, tileSizePx, tilesPerSide);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(indices);
        }
    }

    // The slow path, for areas with more distinct colours than the histogram takes (photographic fills).
    private static Rgba[] QuantizeFullImage(ReadOnlySpan<byte> area, int stride, int areaPx, PaletteQuantizer quantizer, byte[] indices)
    {
        byte[] rgba = ArrayPool<byte>.Shared.Rent(areaPx * areaPx * 4);
        try
        {
            for (int y = 0; y < areaPx; y++)
            {
                PixelConversion.Argb32RowToRgba(area.Slice(y * stride, areaPx * 4), rgba.AsSpan(y * areaPx * 4, areaPx * 4));
            }

            var palette = new Rgba[PaletteQuantizer.MaxColors];
            quantizer.Quantize(rgba, areaPx, areaPx, indices, palette);
            return palette;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgba);
        }
    }

    // One palette for the whole metatile keeps colours consistent across tile seams; each tile
    // then gets only the entries it uses, so flat tiles come out as 1- or 2-bit PNGs.
    private static byte[][] SplitIntoTiles(byte[] indices, Rgba[] palette, int areaPx, int tileSizePx, int tilesPerSide)
    {
        byte[] tileIndices = ArrayPool<byte>.Shared.Rent(tileSizePx * tileSizePx);
        try
        {
            var tiles = new byte[tilesPerSide * tilesPerSide][];
            Span<int> compact = stackalloc int[PaletteQuantizer.MaxColors];
            var tilePalette = new Rgba[PaletteQuantizer.MaxColors];
            for (int dx = 0; dx < tilesPerSide; dx++)
            {
                for (int dy = 0; dy < tilesPerSide; dy++)
                {
                    compact.Fill(-1);
                    int used = 0;
                    for (int y = 0; y < tileSizePx; y++)
                    {
                        int source = (((dy * tileSizePx) + y) * areaPx) + (dx * tileSizePx);
                        int target = y * tileSizePx;
                        for (int x = 0; x < tileSizePx; x++)
                        {
                            byte index = indices[source + x];
                            int mapped = compact[index];
                            if (mapped < 0)
                            {
                                mapped = used++;
                                compact[index] = mapped;
                                tilePalette[mapped] = palette[index];
                            }

                            tileIndices[target + x] = (byte)mapped;
                        }
                    }

                    tiles[(dx * tilesPerSide) + dy] = PngEncoder.EncodeIndexed(
                        tileIndices, tileSizePx, tileSizePx, tileSizePx, tilePalette.AsSpan(0, used));
                }
            }

            return tiles;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tileIndices);
        }
    }
}
