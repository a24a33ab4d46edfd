using System.Globalization;
using Npgsql;
using SkiaSharp;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Data;
using TileCluster.Rendering.Styles;
using TileCluster.Storage;

namespace TileCluster.Rendering.UtfGrid;

/// <summary>
/// Makes the UTFGrid tiles of a whole metatile from a style's layer queries (the raster
/// renderer's own: same rules, same area limit, same order). Every feature a rule matches is drawn
/// by Skia into a small bitmap (one pixel per grid cell) in a colour that is its number, with
/// antialiasing off, so a cell holds exactly one feature: the topmost one covering the cell's
/// centre, as later layers and later features draw over earlier ones like in the image. Polygons
/// are filled, lines stroked at their style width (at least one cell), points drawn as dots.
/// One instance per render thread, like the raster renderer.
/// </summary>
internal sealed class UtfGridBuilder(UtfGridLayer layer) : IDisposable
{
    /// <summary>Buffer in tile pixels around the metatile, so strokes of features just outside it reach in.</summary>
    public const int BufferPx = 16;

    /// <summary>Radius of a point feature's dot, in tile pixels.</summary>
    public const float PointRadiusPx = 4;

    private readonly FeatureSet _features = new();
    private readonly LayerReader _reader = new();
    private readonly Dictionary<int, LayerPlan?[]> _plans = [];
    private readonly List<GridFeature> _drawn = [];
    private readonly SKPaint _fill = new() { IsAntialias = false, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = false, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
    private readonly SKPathBuilder _path = new() { FillType = SKPathFillType.EvenOdd };
    private SKBitmap? _bitmap;

    /// <summary>Builds the grids of <paramref name="key"/>'s metatile from <paramref name="connection"/>.</summary>
    public RenderedMetatile Build(NpgsqlConnection connection, MetatileKey key, CancellationToken cancellationToken)
    {
        var frame = MetatileFrame.For(key with { Scale = 1 }, BufferPx);
        int resolution = layer.Resolution;
        int side = frame.SizePx / resolution;
        if (_bitmap is null || _bitmap.Width != side)
        {
            // Metatiles of z0-2 have fewer tiles than 8 × 8, so their bitmap is smaller.
            _bitmap?.Dispose();
            _bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Bgra8888, SKAlphaType.Premul));
        }

        var bitmap = _bitmap;
        _drawn.Clear();
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale(1f / resolution);
            canvas.Translate(-frame.BufferPx, -frame.BufferPx);
            foreach (var plan in PlansFor(frame.Zoom))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (plan is not null)
                {
                    _reader.Read(connection, plan.Query, frame, plan.MinAreaMetres, _features);
                    Draw(canvas, plan, resolution);
                }
            }
        }

        return Cut(bitmap, side, frame.TilesPerSide);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _bitmap?.Dispose();
        _fill.Dispose();
        _stroke.Dispose();
        _path.Dispose();
    }

    private void Draw(SKCanvas canvas, LayerPlan plan, int resolution)
    {
        var features = _features;
        var geometry = features.Geometry;
        var symbols = plan.SymbolsAt(1);
        int[] fieldColumns = [.. layer.Fields.Select(f => plan.Query.Columns.IndexOf(f))];
        for (int f = 0; f < features.Count; f++)
        {
            int r = plan.Match(features, f);
            if (r < 0)
            {
                continue;
            }

            int number = _drawn.Count + 1;
            _path.FillType = SKPathFillType.EvenOdd;
            var data = new KeyValuePair<string, string?>[layer.Fields.Length];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = new(layer.Fields[i], fieldColumns[i] < 0 ? null : features.Value(f, fieldColumns[i]));
            }

            _drawn.Add(new GridFeature(features.OsmId(f).ToString(CultureInfo.InvariantCulture), data));
            var colour = new SKColor((byte)(number >> 16), (byte)(number >> 8), (byte)number);
            _fill.Color = colour;
            _stroke.Color = colour;

            // Lines at their widest drawn width (casing or stroke), never thinner than a cell.
            double width = Math.Max(symbols.Casings[r]?.Width ?? 0, symbols.Strokes[r]?.Width ?? 0);
            _stroke.StrokeWidth = (float)Math.Max(width, resolution);
            for (int part = features.FirstPart(f); part < features.EndPart(f); part++)
            {
                var points = geometry.PointsOf(part);
                switch (geometry.KindOf(part))
                {
                    case PartKind.Point:
                        canvas.DrawCircle((float)points[0], (float)points[1], Math.Max(PointRadiusPx, resolution / 2f), _fill);
                        break;
                    case PartKind.Ring when plan.Layer.Kind == GeometryKind.Polygon:
                        AddPath(points, close: true);
                        break;
                    case var kind:
                        AddPath(points, close: kind == PartKind.Ring);
                        using (var line = _path.Detach())
                        {
                            canvas.DrawPath(line, _stroke);
                        }

                        break;
                }
            }

            // A polygon's rings (outer and holes) fill together, even-odd.
            using var area = _path.Detach();
            if (!area.IsEmpty)
            {
                canvas.DrawPath(area, _fill);
            }
        }
    }

    private void AddPath(ReadOnlySpan<double> points, bool close)
    {
        _path.MoveTo((float)points[0], (float)points[1]);
        for (int i = 2; i < points.Length; i += 2)
        {
            _path.LineTo((float)points[i], (float)points[i + 1]);
        }

        if (close)
        {
            _path.Close();
        }
    }

    private RenderedMetatile Cut(SKBitmap bitmap, int side, int tilesPerSide)
    {
        int gridSide = side / tilesPerSide;
        var cells = new int[gridSide * gridSide];
        ReadOnlySpan<byte> pixels = bitmap.GetPixelSpan();
        int stride = bitmap.RowBytes;
        var tiles = new byte[tilesPerSide * tilesPerSide][];
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                for (int y = 0; y < gridSide; y++)
                {
                    var row = pixels.Slice(((dy * gridSide) + y) * stride, stride);
                    for (int x = 0; x < gridSide; x++)
                    {
                        // B, G, R, A: the feature number is R << 16 | G << 8 | B (opaque, so premultiplying changed nothing).
                        int p = ((dx * gridSide) + x) * 4;
                        cells[(y * gridSide) + x] = row[p + 3] == 0 ? 0 : (row[p + 2] << 16) | (row[p + 1] << 8) | row[p];
                    }
                }

                tiles[(dx * tilesPerSide) + dy] = UtfGridWriter.Write(cells, gridSide, _drawn);
            }
        }

        return new RenderedMetatile(tilesPerSide, tiles);
    }

    private LayerPlan?[] PlansFor(int zoom)
    {
        if (!_plans.TryGetValue(zoom, out var plans))
        {
            var layers = layer.Style.Layers;
            plans = new LayerPlan?[layers.Length];
            for (int i = 0; i < plans.Length; i++)
            {
                plans[i] = LayerPlan.Create(layers[i], i, zoom);
            }

            _plans.Add(zoom, plans);
        }

        return plans;
    }
}
