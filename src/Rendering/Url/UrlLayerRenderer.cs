using SkiaSharp;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Data;

namespace TileCluster.Rendering.Url;

/// <summary>
/// Draws metatiles of <c>url</c> layers: one upstream image per metatile and its buffer (like a
/// style layer's canvas), fetched with the layer's template and decoded onto a canvas. One
/// instance per render thread, like the canvases it reuses.
/// </summary>
internal sealed class UrlLayerRenderer(UpstreamClient upstream) : IDisposable
{
    private static readonly Rgba Transparent = new(0, 0, 0, 0);

    private readonly Dictionary<int, Canvas> _canvases = [];

    /// <summary>
    /// Fetches and draws the metatile of <paramref name="key"/> with <paramref name="bufferPx"/> CSS
    /// pixels of buffer; throws <see cref="UpstreamException"/> when the upstream gives no usable image.
    /// </summary>
    public MetatilePixels Draw(MetatileKey key, UrlLayer layer, int bufferPx, CancellationToken cancellationToken)
    {
        var frame = MetatileFrame.For(key, bufferPx);
        int sizePx = frame.CanvasSizePx;
        string url = layer.Template.Format(frame.MinX, frame.MinY, frame.MaxX, frame.MaxY, sizePx, sizePx, frame.Zoom);
        byte[] body = upstream.Fetch(url, layer.Timeout, layer.Retries, cancellationToken);
        using var image = SKImage.FromEncodedData(body)
            ?? throw new UpstreamException(url, $"answered {body.Length} bytes that are not an image", timedOut: false);
        if (image.Width != sizePx || image.Height != sizePx)
        {
            throw new UpstreamException(url, $"answered a {image.Width}x{image.Height} image; {sizePx}x{sizePx} was asked for", timedOut: false);
        }

        if (!_canvases.TryGetValue(sizePx, out var canvas))
        {
            canvas = new Canvas(sizePx, sizePx);
            _canvases.Add(sizePx, canvas);
        }

        canvas.Clear(Transparent);
        canvas.Blend(image, null, 1, SKBlendMode.SrcOver);
        return new MetatilePixels(canvas, frame.BufferPx, frame.TileSizePx, frame.TilesPerSide);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var canvas in _canvases.Values)
        {
            canvas.Dispose();
        }

        _canvases.Clear();
    }
}
