using System.Diagnostics;
using Npgsql;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Data;
using TileCluster.Rendering.Imaging;
using TileCluster.Rendering.Labels;
using TileCluster.Rendering.Native;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Text;

using TileCluster.Storage;

namespace TileCluster.Rendering;

/// <summary>
/// Renders metatiles from PostGIS with a <see cref="MapStyle"/>: one query per visible layer,
/// layers painted in order (line layers: all casings, then all strokes), labels last, then the
/// canvas is cut into PNG tiles. One instance per render thread; it reuses its Skia canvases,
/// text shaper (HarfBuzz shapers and sized fonts), buffers, compiled layer plans and their
/// stroke and text styles across renders.
/// </summary>
internal sealed partial class MapRenderer : IMapRenderer
{
    /// <summary>Minimum gap between labels, in CSS pixels.</summary>
    private const double LabelPadding = 1.5;

    private readonly IReadOnlyDictionary<string, MapStyle> _styles;
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _bufferPx;
    private readonly IReadOnlyDictionary<string, int> _bufferPxByStyle;
    private readonly Func<int> _encodeWorkers;
    private readonly Dictionary<int, Canvas> _canvases = [];
    private readonly Dictionary<MapStyle, LayerPlan?[][]> _plans = new(ReferenceEqualityComparer.Instance);
    private readonly FeatureSet _features = new();
    private readonly LayerReader _reader = new();
    private readonly LabelPlacer _labels = new();
    private readonly TextShaper _shaper = new();
    private readonly HistogramBuffers _histogram = new();
    private bool _disposed;

    /// <inheritdoc />
    public RenderBreakdown LastBreakdown { get; private set; }

    /// <summary>This render thread's encoder buffers, for palette tiles drawn by others (url and composite layers).</summary>
    internal HistogramBuffers EncodeBuffers => _histogram;

    /// <summary>Creates a renderer for <paramref name="styles"/> (keyed by URL name) over <paramref name="dataSource"/>.</summary>
    /// <param name="styles">The loaded styles.</param>
    /// <param name="dataSource">The osm2pgsql database.</param>
    /// <param name="bufferPx">Buffer around the metatile in CSS pixels, so features and labels near the edge are seamless.</param>
    /// <param name="encodeWorkers">Threads a render may compress its tiles on when it gets there (default: its own only).</param>
    /// <param name="bufferPxByStyle">Styles whose metatiles take another buffer than <paramref name="bufferPx"/>.</param>
    public MapRenderer(IReadOnlyDictionary<string, MapStyle> styles, NpgsqlDataSource dataSource, int bufferPx = 128, Func<int>? encodeWorkers = null, IReadOnlyDictionary<string, int>? bufferPxByStyle = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferPx);
        _styles = styles;
        _dataSource = dataSource;
        _bufferPx = bufferPx;
        _bufferPxByStyle = bufferPxByStyle ?? new Dictionary<string, int>();
        _encodeWorkers = encodeWorkers ?? (() => 1);
    }

    /// <inheritdoc />
    public RenderedMetatile Render(MetatileKey key, CancellationToken cancellationToken)
    {
        var pixels = Draw(key, cancellationToken);
        long encodeStart = Stopwatch.GetTimestamp();
        var encodeStartCpu = ThreadCpuClock.Now();
        var style = _styles[key.Style];
        var rendered = MetatileEncoder.Encode(pixels.Canvas, pixels.BufferPx, pixels.TileSizePx, pixels.TilesPerSide, style.Format, Math.Max(1, _encodeWorkers()), style.PngCompression, style.Quality, style.Progressive, _histogram);
        LastBreakdown = LastBreakdown with
        {
            Encode = Stopwatch.GetElapsedTime(encodeStart),
            ThreadCpu = LastBreakdown.ThreadCpu with { Encode = ThreadCpuClock.Now() - encodeStartCpu },
        };
        return rendered;
    }

    /// <summary>
    /// Queries and draws the metatile of <paramref name="key"/> (its buffer included, labels placed)
    /// without encoding it, for a caller that blends or cuts the pixels itself. The pixels are valid
    /// until this renderer draws again. <see cref="LastBreakdown"/> then has no encode time. Throws
    /// when the data source fails.
    /// </summary>
    public MetatilePixels Draw(MetatileKey key, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_styles.TryGetValue(key.Style, out var style))
        {
            // Keys are validated against the configuration before they reach a grain.
            throw new ArgumentException($"unknown style '{key.Style}'", nameof(key));
        }

        var frame = MetatileFrame.For(key, _bufferPxByStyle.GetValueOrDefault(key.Style, _bufferPx));
        var canvas = CanvasFor(frame.CanvasSizePx);
        canvas.Clear(style.Background);
        double inner = frame.BufferPx + frame.SizePx;

        // The buffer is drawn only for features and labels that cross into the tiles; its own
        // pixels are never encoded, so Skia need not fill or blit them (a fifth of the canvas).
        canvas.ClipTo(frame.BufferPx, frame.BufferPx, frame.BufferPx + frame.SizePx, frame.BufferPx + frame.SizePx);
        _labels.Begin(new LabelBox(frame.BufferPx, frame.BufferPx, inner, inner), LabelPadding * frame.Scale);

        var plans = PlansFor(style, frame.Zoom);
        long query = 0, draw = 0;
        TimeSpan queryCpu = TimeSpan.Zero, drawCpu = TimeSpan.Zero;
        int featureCount = 0;
        using (var connection = _dataSource.OpenConnection())
        {
            foreach (var plan in plans)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (plan is null)
                {
                    continue;
                }

                long start = Stopwatch.GetTimestamp();
                var startCpu = ThreadCpuClock.Now();
                _reader.Read(connection, plan.Query, frame, plan.MinAreaMetres, _features);
                long read = Stopwatch.GetTimestamp();
                var readCpu = ThreadCpuClock.Now();
                for (int f = 0; f < _features.Count; f++)
                {
                    _features.SetRule(f, plan.Match(_features, f));
                }

                DrawLayer(canvas, plan, frame);
                CollectLabels(plan, frame);
                query += read - start;
                draw += Stopwatch.GetTimestamp() - read;
                queryCpu += readCpu - startCpu;
                drawCpu += ThreadCpuClock.Now() - readCpu;
                featureCount += _features.Count;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        long labelStart = Stopwatch.GetTimestamp();
        var labelStartCpu = ThreadCpuClock.Now();
        _labels.PlaceAndDraw(canvas, _shaper);
        LastBreakdown = new RenderBreakdown(
            TimeSpan.FromTicks(query * TimeSpan.TicksPerSecond / Stopwatch.Frequency),
            TimeSpan.FromTicks(draw * TimeSpan.TicksPerSecond / Stopwatch.Frequency),
            Stopwatch.GetElapsedTime(labelStart),
            TimeSpan.Zero,
            featureCount,
            new RenderPhaseTimes(queryCpu, drawCpu, ThreadCpuClock.Now() - labelStartCpu, TimeSpan.Zero));
        return new MetatilePixels(canvas, frame.BufferPx, frame.TileSizePx, frame.TilesPerSide);
    }

    /// <inheritdoc />
    public void WarmUp()
    {
        // A metatile of 8x8 tiles at scale 1, the common case; @2x canvases come on first use.
        const int squares = 32;
        int sizePx = MetatileCoord.Size * MetatileFrame.BaseTileSize;
        var canvas = CanvasFor(sizePx + (2 * _bufferPx));
        canvas.Clear(default);
        _histogram.Prepare();

        // Squares of 1024 colours, encoded as palette tiles: the encoder's first run (loading
        // libimagequant, starting the helper threads) is done here rather than in a request's render.
        int side = sizePx / squares;
        for (int i = 0; i < squares * squares; i++)
        {
            canvas.FillRectangle(_bufferPx + (i % squares * side), _bufferPx + (i / squares * side), side, side, new Rgba((byte)(i * 8), (byte)(i / 4), (byte)(255 - i), 255));
        }

        MetatileEncoder.Encode(canvas, _bufferPx, MetatileFrame.BaseTileSize, MetatileCoord.Size, TileImageFormat.Png256, Math.Max(1, _encodeWorkers()), buffers: _histogram);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var canvas in _canvases.Values)
        {
            canvas.Dispose();
        }

        _canvases.Clear();
        _shaper.Dispose();
    }

    private Canvas CanvasFor(int sizePx)
    {
        if (!_canvases.TryGetValue(sizePx, out var canvas))
        {
            canvas = new Canvas(sizePx, sizePx);
            _canvases.Add(sizePx, canvas);
        }

        return canvas;
    }

    private LayerPlan?[] PlansFor(MapStyle style, int zoom)
    {
        // Keyed by the style object, not its YAML name: two configured styles may share a name.
        if (!_plans.TryGetValue(style, out var byZoom))
        {
            byZoom = new LayerPlan?[TileCoord.MaxSupportedZoom + 1][];
            _plans.Add(style, byZoom);
        }

        if (byZoom[zoom] is not { } plans)
        {
            plans = new LayerPlan?[style.Layers.Length];
            for (int i = 0; i < plans.Length; i++)
            {
                plans[i] = LayerPlan.Create(style.Layers[i], i, zoom);
            }

            byZoom[zoom] = plans;
        }

        return plans;
    }
}
