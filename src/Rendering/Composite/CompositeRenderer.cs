using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Rendering.Composite;

/// <summary>
/// Draws metatiles of <c>composite</c> layers: each member layer's metatile is drawn by its own
/// renderer, copied out of that renderer's canvas, and blended onto this layer's canvas with its
/// opacity, mask and blend mode; colours are blended as canvas-wide fills. One instance per render
/// thread; each composite layer has its own canvas, so a composite inside another does not draw
/// over the one it is part of.
/// </summary>
internal sealed class CompositeRenderer : IDisposable
{
    private static readonly Rgba Transparent = new(0, 0, 0, 0);

    private readonly Dictionary<(string Layer, int SizePx), Canvas> _canvases = [];

    /// <summary>
    /// Draws the metatile of <paramref name="key"/> for <paramref name="layer"/>; <paramref name="drawLayer"/>
    /// draws a member's (or mask's) metatile at the same address. The result has no buffer.
    /// </summary>
    public MetatilePixels Draw(MetatileKey key, CompositeLayer layer, Func<MetatileKey, CancellationToken, MetatilePixels> drawLayer, CancellationToken cancellationToken)
    {
        int tileSizePx = 256 * key.Scale, tilesPerSide = key.Metatile.TilesPerSide, sizePx = tileSizePx * tilesPerSide;
        if (!_canvases.TryGetValue((key.Style, sizePx), out var canvas))
        {
            canvas = new Canvas(sizePx, sizePx);
            _canvases.Add((key.Style, sizePx), canvas);
        }

        canvas.Clear(Transparent);
        foreach (var member in layer.Members)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Copies: the member's renderer reuses its canvas for the next layer it draws.
            using var mask = member.Mask is { } maskLayer ? Copy(drawLayer(key with { Style = maskLayer }, cancellationToken)) : null;
            if (member.Layer is { } memberLayer)
            {
                using var image = Copy(drawLayer(key with { Style = memberLayer }, cancellationToken));
                canvas.Blend(image, mask, member.Opacity, member.Mode);
            }
            else
            {
                canvas.BlendColor(member.Color, mask, member.Opacity, member.Mode);
            }
        }

        return new MetatilePixels(canvas, 0, tileSizePx, tilesPerSide);
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

    private static SkiaSharp.SKImage Copy(MetatilePixels pixels) => pixels.Canvas.CopyArea(pixels.BufferPx, pixels.BufferPx, pixels.SizePx);
}
