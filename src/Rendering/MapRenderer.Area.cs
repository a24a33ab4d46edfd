using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Data;
using TileCluster.Rendering.Labels;

namespace TileCluster.Rendering;

/// <summary>Rendering an arbitrary Web Mercator rectangle (an export) onto a caller's canvas.</summary>
internal sealed partial class MapRenderer
{
    private const string AttributionText = "© OpenStreetMap contributors";

    /// <inheritdoc />
    public void RenderArea(ExportRequest request, SKCanvas target, CancellationToken cancellationToken)
    {
        var (style, frame) = AreaFrame(request);
        using var canvas = new Canvas(target, request.WidthPx, request.HeightPx);
        canvas.Clear(style.Background);

        // Labels are placed for this image: only where they fit wholly inside it.
        BeginAreaLabels(request, frame);
        using (var connection = _dataSource.OpenConnection())
        {
            foreach (var plan in PlansFor(style, frame.Zoom))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (plan is null)
                {
                    continue;
                }

                ReadLayer(connection, plan, frame);
                DrawLayer(canvas, plan, frame);
                CollectLabels(plan, frame);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        _labels.PlaceAndDraw(canvas, _shaper);
        DrawAttribution(canvas, request, style);
    }

    private (Styles.MapStyle Style, MetatileFrame Frame) AreaFrame(ExportRequest request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_styles.TryGetValue(request.Style, out var style))
        {
            throw new ArgumentException($"unknown style '{request.Style}'", nameof(request));
        }

        // A box sized to a whole zoom's pixels (a url layer's metatile, say) comes back as 13.9999999999:
        // that is zoom 14's rules, as its tiles have.
        int styleZoom = Math.Clamp((int)Math.Floor(request.Zoom + 1e-9), 0, TileCoord.MaxSupportedZoom);
        double metresPerPixel = (request.MaxX - request.MinX) / request.WidthPx;
        return (style, MetatileFrame.ForArea(styleZoom, request.Ratio, _bufferPx * request.Ratio, metresPerPixel, request.MinX, request.MinY, request.MaxX, request.MaxY));
    }

    private void BeginAreaLabels(ExportRequest request, in MetatileFrame frame) =>
        _labels.Begin(new LabelBox(0, 0, request.WidthPx, request.HeightPx), LabelPadding * frame.Scale);

    private void ReadLayer(Npgsql.NpgsqlConnection connection, LayerPlan plan, in MetatileFrame frame)
    {
        _reader.Read(connection, plan.Query, frame, plan.MinAreaMetres, _features);
        for (int f = 0; f < _features.Count; f++)
        {
            _features.SetRule(f, plan.Match(_features, f));
        }
    }

    private void DrawAttribution(Canvas canvas, ExportRequest request, Styles.MapStyle style)
    {
        if (request.Attribution && style.DefaultFontSet is { } font)
        {
            var text = new TextStyle(font, 11 * request.Ratio, new Rgba(51, 51, 51, 255), new Rgba(255, 255, 255, 204), 2 * request.Ratio);
            var shaped = _shaper.Shape(AttributionText, text);
            double margin = 4 * request.Ratio;
            canvas.DrawText(shaped, request.WidthPx - margin - (shaped.Width / 2), request.HeightPx - margin - (shaped.Height / 2), text);
        }
    }
}
