using System.Buffers;
using SkiaSharp;
using TileCluster.Storage.Outputs.Jpeg;

using TileCluster.Storage;

namespace TileCluster.Rendering.Imaging;

/// <summary>Cuts a rendered metatile canvas into tiles and encodes them as PNG (our writer), or JPEG or WebP (Skia's encoders).</summary>
internal static class MetatileEncoder
{
    /// <summary>
    /// Cuts <paramref name="tilesPerSide"/> x <paramref name="tilesPerSide"/> tiles of
    /// <paramref name="tileSizePx"/> out of <paramref name="canvas"/>, skipping
    /// <paramref name="bufferPx"/> on the left and top edge, and encodes each as PNG. Tiles are
    /// stored x-major (<c>dx * tilesPerSide + dy</c>). Palette tiles are compressed on up to
    /// <paramref name="workers"/> threads (the calling one and thread-pool threads); the bytes
    /// do not depend on it. <paramref name="pngCompression"/> is the zlib level of PNG tiles,
    /// <paramref name="quality"/> (1-100) that of JPEG and WebP tiles; <paramref name="progressive"/>
    /// makes JPEG tiles progressive. A render thread passes its own <paramref name="buffers"/> for
    /// palette tiles; without them the encoder allocates its own.
    /// </summary>
    public static RenderedMetatile Encode(Canvas canvas, int bufferPx, int tileSizePx, int tilesPerSide, TileImageFormat format, int workers = 1, int pngCompression = PngEncoder.DefaultCompressionLevel, int quality = 85, bool progressive = false, HistogramBuffers? buffers = null) =>
        Encode(canvas, bufferPx, tileSizePx, tilesPerSide, format, PaletteQuantizer.Default, workers, pngCompression, quality, progressive, buffers);

    /// <summary>As <see cref="Encode(Canvas, int, int, int, TileImageFormat, int, int, int, bool, HistogramBuffers?)"/> with explicit quantizer settings.</summary>
    public static RenderedMetatile Encode(Canvas canvas, int bufferPx, int tileSizePx, int tilesPerSide, TileImageFormat format, PaletteQuantizer quantizer, int workers = 1, int pngCompression = PngEncoder.DefaultCompressionLevel, int quality = 85, bool progressive = false, HistogramBuffers? buffers = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileSizePx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tilesPerSide);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        int areaPx = tileSizePx * tilesPerSide;
        if (bufferPx + areaPx > canvas.Width || bufferPx + areaPx > canvas.Height)
        {
            throw new ArgumentException($"{tilesPerSide}x{tilesPerSide} tiles of {tileSizePx}px plus a {bufferPx}px buffer do not fit a {canvas.Width}x{canvas.Height} canvas");
        }

        if (format is TileImageFormat.Jpeg or TileImageFormat.Webp)
        {
            return new RenderedMetatile(tilesPerSide, EncodeWithSkia(canvas, bufferPx, tileSizePx, tilesPerSide, format, quality, progressive));
        }

        ReadOnlySpan<byte> pixels = canvas.GetPixels(out int stride);
        ReadOnlySpan<byte> area = pixels[((bufferPx * stride) + (bufferPx * 4))..];
        byte[][] tiles = format switch
        {
            TileImageFormat.Png256 => EncodePalette(area, stride, tileSizePx, tilesPerSide, quantizer, workers, pngCompression, buffers ?? new HistogramBuffers()),
            TileImageFormat.Png32 => EncodeTrueColor(area, stride, tileSizePx, tilesPerSide, pngCompression),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown tile format"),
        };
        return new RenderedMetatile(tilesPerSide, tiles);
    }

    // Skia writes baseline JPEG (4:2:0, alpha ignored: a style's background is opaque), made
    // progressive on request with the same coefficients (ProgressiveJpeg), and lossy WebP.
    private static byte[][] EncodeWithSkia(Canvas canvas, int bufferPx, int tileSizePx, int tilesPerSide, TileImageFormat format, int quality, bool progressive)
    {
        var tiles = new byte[tilesPerSide * tilesPerSide][];
        using var pixmap = canvas.PeekPixels();
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                using var tile = pixmap.ExtractSubset(SKRectI.Create(bufferPx + (dx * tileSizePx), bufferPx + (dy * tileSizePx), tileSizePx, tileSizePx))
                    ?? throw new InvalidOperationException("the tile lies outside the canvas");
                using var data = format == TileImageFormat.Jpeg
                    ? tile.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                    : tile.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality));
                byte[] bytes = data?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode a {format} tile");
                tiles[(dx * tilesPerSide) + dy] = progressive && format == TileImageFormat.Jpeg ? ProgressiveJpeg.FromBaseline(bytes) : bytes;
            }
        }

        return tiles;
    }

    private static byte[][] EncodeTrueColor(ReadOnlySpan<byte> area, int stride, int tileSizePx, int tilesPerSide, int compressionLevel)
    {
        var tiles = new byte[tilesPerSide * tilesPerSide][];
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                ReadOnlySpan<byte> tile = area[((dy * tileSizePx * stride) + (dx * tileSizePx * 4))..];
                tiles[(dx * tilesPerSide) + dy] = PngEncoder.EncodeArgb32(tile, stride, tileSizePx, tileSizePx, compressionLevel);
            }
        }

        return tiles;
    }

    private static unsafe byte[][] EncodePalette(ReadOnlySpan<byte> area, int stride, int tileSizePx, int tilesPerSide, PaletteQuantizer quantizer, int workers, int compressionLevel, HistogramBuffers buffers)
    {
        int areaPx = tileSizePx * tilesPerSide;
        if (HistogramPalette.TryBuild(area, stride, areaPx, areaPx, quantizer, buffers) is { } histogram)
        {
            // Each tile looks its pixels up in the histogram.
            fixed (byte* pixels = area)
            {
                return SplitIntoTiles(new IndexSource(histogram, pixels, area.Length, stride), histogram.Palette, tileSizePx, tilesPerSide, workers, compressionLevel);
            }
        }

        byte[] indices = ArrayPool<byte>.Shared.Rent(areaPx * areaPx);
        try
        {
            var palette = QuantizeFullImage(area, stride, areaPx, quantizer, indices);
            return SplitIntoTiles(new IndexSource(indices, areaPx), palette, tileSizePx, tilesPerSide, workers, compressionLevel);
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
    // then gets only the entries it uses, so flat tiles come out as 1- or 2-bit PNGs. Tiles are
    // independent, so they are compressed in parallel when the caller has idle cores to give.
    private static byte[][] SplitIntoTiles(IndexSource source, Rgba[] palette, int tileSizePx, int tilesPerSide, int workers, int compressionLevel)
    {
        var tiles = new byte[tilesPerSide * tilesPerSide][];
        if (workers == 1)
        {
            byte[] scratch = ArrayPool<byte>.Shared.Rent(tileSizePx * tileSizePx);
            var tilePalette = new Rgba[PaletteQuantizer.MaxColors];
            for (int i = 0; i < tiles.Length; i++)
            {
                tiles[i] = EncodeTile(source, palette, tileSizePx, i / tilesPerSide, i % tilesPerSide, scratch, tilePalette, compressionLevel);
            }

            ArrayPool<byte>.Shared.Return(scratch);
            return tiles;
        }

        Parallel.For(
            0,
            tiles.Length,
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            () => (Indices: ArrayPool<byte>.Shared.Rent(tileSizePx * tileSizePx), Palette: new Rgba[PaletteQuantizer.MaxColors]),
            (i, _, scratch) =>
            {
                tiles[i] = EncodeTile(source, palette, tileSizePx, i / tilesPerSide, i % tilesPerSide, scratch.Indices, scratch.Palette, compressionLevel);
                return scratch;
            },
            scratch => ArrayPool<byte>.Shared.Return(scratch.Indices));
        return tiles;
    }

    // Tile (dx, dy): its indices re-numbered to the palette entries it uses, then PNG.
    private static byte[] EncodeTile(IndexSource source, Rgba[] palette, int tileSizePx, int dx, int dy, byte[] tileIndices, Rgba[] tilePalette, int compressionLevel)
    {
        int pixels = tileSizePx * tileSizePx;
        source.Write(dx * tileSizePx, dy * tileSizePx, tileSizePx, tileIndices);
        Span<int> compact = stackalloc int[PaletteQuantizer.MaxColors];
        compact.Fill(-1);
        int used = 0;
        Span<byte> tile = tileIndices.AsSpan(0, pixels);
        for (int p = 0; p < tile.Length; p++)
        {
            byte index = tile[p];
            int mapped = compact[index];
            if (mapped < 0)
            {
                mapped = used++;
                compact[index] = mapped;
                tilePalette[mapped] = palette[index];
            }

            tile[p] = (byte)mapped;
        }

        return PngEncoder.EncodeIndexed(tile, tileSizePx, tileSizePx, tileSizePx, tilePalette.AsSpan(0, used), compressionLevel);
    }

    /// <summary>
    /// Where a tile's palette indices come from: the histogram, looking up the canvas's pixels (which
    /// stay where they are while the tiles are encoded, so the encoding threads read them through
    /// their address), or else the indices of the whole image.
    /// </summary>
    private readonly unsafe struct IndexSource
    {
        private readonly HistogramPalette? _histogram;
        private readonly nint _pixels;
        private readonly int _length;
        private readonly int _stride;
        private readonly byte[]? _indices;
        private readonly int _areaPx;

        public IndexSource(HistogramPalette histogram, byte* pixels, int length, int stride) =>
            (_histogram, _pixels, _length, _stride) = (histogram, (nint)pixels, length, stride);

        public IndexSource(byte[] indices, int areaPx) => (_indices, _areaPx) = (indices, areaPx);

        /// <summary>Writes the indices of the square of <paramref name="sizePx"/> at (<paramref name="left"/>, <paramref name="top"/>), row by row.</summary>
        public void Write(int left, int top, int sizePx, byte[] tileIndices)
        {
            if (_histogram is not null)
            {
                _histogram.WriteIndices(new ReadOnlySpan<byte>((void*)_pixels, _length), _stride, left, top, sizePx, sizePx, tileIndices);
                return;
            }

            for (int y = 0; y < sizePx; y++)
            {
                _indices.AsSpan(((top + y) * _areaPx) + left, sizePx).CopyTo(tileIndices.AsSpan(y * sizePx, sizePx));
            }
        }
    }
}
