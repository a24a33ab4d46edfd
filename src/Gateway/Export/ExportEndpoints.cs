using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TileCluster.Gateway.Cluster;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Gateway.Export;

/// <summary>
/// <c>GET /{style}/export?bbox=W,S,E,N&amp;zoom=…</c>: one exact rectangle of the map as one image,
/// rendered on a silo's render pool (never in the gateway). Order of work: style, query, zoom
/// range, size limits, then the silos: PNG, JPEG and GeoTIFF in strips (<see cref="ExportStrips"/>),
/// PDF and SVG in one piece on one silo (<see cref="ExportCluster.ExportAsync"/>).
/// </summary>
internal sealed partial class ExportEndpoints(
    IOptions<LayersOptions> layers,
    IOptions<ExportOptions> options,
    ExportCluster cluster,
    ClusterConnection connection,
    ExportStrips strips,
    ILogger<ExportEndpoints> logger)
{
    /// <summary>The rate-limiting policy: concurrent exports per client IP.</summary>
    public const string RateLimitPolicy = "export";

    private static readonly TimeSpan RejectedRetryAfter = TimeSpan.FromSeconds(10);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/{style}/export", static (HttpContext context, string style, ExportEndpoints endpoints) => endpoints.ServeAsync(context, style))
            .RequireRateLimiting(RateLimitPolicy);

    /// <summary>A concurrency limiter per client IP address; beyond it, 429 with Retry-After.</summary>
    public static void ConfigureRateLimiting(RateLimiterOptions limiter)
    {
        limiter.AddPolicy(RateLimitPolicy, static context =>
        {
            int permits = context.RequestServices.GetRequiredService<IOptions<ExportOptions>>().Value.ConcurrentPerClient;
            string client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 });
        });
        limiter.OnRejected = static (rejected, _) => new ValueTask(Problems.TooManyRequests(
            rejected.HttpContext,
            "this client already runs as many exports as it may; wait for one to finish",
            RejectedRetryAfter));
    }

    public async Task ServeAsync(HttpContext context, string style)
    {
        if (!LayerRules.TryFind(layers.Value, style, out var styleOptions, out string? notFound))
        {
            await Problems.NotFound(context, notFound);
            return;
        }

        if (LayerRules.NotRendered(styleOptions, style, "an export") is { } vectorError)
        {
            await Problems.BadRequest(context, vectorError);
            return;
        }

        var q = context.Request.Query;
        if (!ExportQuery.TryParse(q["bbox"], q["zoom"], q["scale"], q["width"], q["height"], q["format"], q["dpi"], q["ratio"], q["attribution"], out var query, out var error, q["srs"]))
        {
            await Problems.BadRequest(context, error);
            return;
        }

        var request = ExportGeometry.Resolve(style, query);
        if (LayerRules.ZoomOutside(styleOptions, style, string.Create(CultureInfo.InvariantCulture, $"{query.SizeField} gives zoom {request.Zoom:0.##}, which"), request.Zoom, request.Zoom) is { } zoomError)
        {
            await Problems.BadRequest(context, zoomError);
            return;
        }

        if (options.Value.ExceededLimit(request) is { } limit)
        {
            await Problems.TooLarge(context, string.Create(CultureInfo.InvariantCulture,
                $"the export would be {request.WidthPx}x{request.HeightPx} pixels, beyond {limit}; choose a smaller box or zoom, or run a job (POST /jobs)"));
            return;
        }

        if (!connection.IsConnected)
        {
            await Problems.Unavailable(context, "no silo is connected; try again shortly", TimeSpan.FromSeconds(5));
            return;
        }

        string fileName = ExportGeometry.FileName(query, request.Zoom);
        if (StripRows.InStrips(request.Format))
        {
            await strips.ServeAsync(context, request, fileName);
            return;
        }

        var result = await CallGrainAsync(request, context.RequestAborted);
        if (result.Status != ExportStatus.Ok)
        {
            await Problems.Unavailable(context, ExportStrips.Detail(result.Status), result.RetryAfter);
            return;
        }

        var response = context.Response;
        ExportStrips.SetHeaders(response, request, fileName);
        response.ContentLength = result.Bytes.Length;
        await response.Body.WriteAsync(result.Bytes, context.RequestAborted);
    }

    private async Task<ExportResult> CallGrainAsync(ExportRequest request, CancellationToken aborted)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(options.Value.RequestTimeout);
        try
        {
            return await cluster.ExportAsync(request, budget.Token);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested && e is OrleansException or TimeoutException or OperationCanceledException)
        {
            LogExportFailed(request.Style, request.WidthPx, request.HeightPx, e);
            return ExportResult.Overloaded(TimeSpan.FromSeconds(10));
        }
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "Export of {Style} {WidthPx}x{HeightPx} failed in the cluster")]
    private partial void LogExportFailed(string style, int widthPx, int heightPx, Exception error);
}
