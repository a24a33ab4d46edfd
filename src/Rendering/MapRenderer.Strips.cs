using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Rendering.Labels;

namespace TileCluster.Rendering;

/// <summary>
/// Rendering a large export in strips: the labels are placed once for the whole image (the
/// label layers of the whole rectangle are read, nothing is drawn), then each strip reads only
/// the features near its rows, draws them on the whole image's pixel grid shifted to the strip,
/// and draws the placed labels over them. A strip is the same pixels as those rows of the image
/// rendered in one piece.
/// </summary>
internal sealed partial class MapRenderer
{
    /// <inheritdoc />
    public ExportLabel[] PlaceLabels(ExportRequest request, CancellationToken cancellationToken)
    {
        var (style, frame) = AreaFrame(request);
        BeginAreaLabels(request, frame);
        using (var connection = _dataSource.OpenConnection())
        {
            foreach (var plan in PlansFor(style, frame.Zoom))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (plan is not { HasLabels: true })
                {
                    continue;
                }

                ReadLayer(connection, plan, frame);
                CollectLabels(plan, frame);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var placed = new List<ExportLabel>(_labels.CandidateCount);
        _labels.Place(_shaper, placed);
        return [.. placed];
    }

    /// <inheritdoc />
    public void RenderStrip(ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, SKCanvas target, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPx);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topPx + heightPx, request.HeightPx, nameof(heightPx));
        var (style, imageFrame) = AreaFrame(request);
        var frame = imageFrame.ForRows(topPx, heightPx);
        var plans = PlansFor(style, frame.Zoom);
        using var canvas = new Canvas(target, request.WidthPx, request.HeightPx);
        canvas.Clear(style.Background);

        // Clear resets the matrix; from here on the strip is rows topPx.. of the whole image.
        target.Translate(0, -topPx);
        using (var connection = _dataSource.OpenConnection())
        {
            foreach (var plan in plans)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (plan is null)
                {
                    continue;
                }

                ReadLayer(connection, plan, frame);
                DrawLayer(canvas, plan, frame);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var label in labels)
        {
            var textStyle = plans[label.Layer]?.SymbolsAt(frame.Scale).Texts[label.Rule]
                ?? throw new ArgumentException($"label '{label.Text}' names layer {label.Layer} rule {label.Rule}, which has no text style at zoom {frame.Zoom}", nameof(labels));
            var shaped = _shaper.Shape(label.Text, textStyle);
            if (label.Line is { } line)
            {
                canvas.DrawTextAlong(shaped, line, new LinePosition(label.Start, label.Length, label.Reversed, label.X, label.Y), textStyle);
            }
            else
            {
                canvas.DrawText(shaped, label.X, label.Y, textStyle);
            }
        }

        DrawAttribution(canvas, request, style);
    }
}
