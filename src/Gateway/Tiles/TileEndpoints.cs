using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using TileCluster.Gateway.Cluster;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage.Caches;

namespace TileCluster.Gateway.Tiles;

/// <summary>
/// <c>GET /{style}/{z}/{x}/{y}[@2x].png</c>. Order of work: validate, cache tiers, grain,
/// then headers and the 304 check. The gateway never renders.
/// </summary>
internal sealed partial class TileEndpoints(
    IOptions<StylesOptions> styles,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<OrleansClusterOptions> clusterOptions,
    TileCacheChain cache,
    CacheHeaders cacheHeaders,
    IGrainFactory grains,
    ClusterConnection connection,
    GatewayMetrics metrics,
    ILogger<TileEndpoints> logger)
{
    /// <summary>The answer when a tile was not ready within <c>Http:RequestTimeout</c>.</summary>
    private static readonly TileResult OutOfBudget = TileResult.Overloaded(TimeSpan.FromSeconds(5));

    private readonly TimeSpan _requestTimeout = gatewayOptions.Value.RequestTimeout;
    private readonly TimeSpan _attemptTimeout = clusterOptions.Value.CallAttemptTimeout;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/{style}/{z}/{x}/{file}", static (HttpContext context, string style, string z, string x, string file, TileEndpoints endpoints) =>
            endpoints.ServeAsync(context, style, z, x, file));

    public async Task ServeAsync(HttpContext context, string style, string z, string x, string file)
    {
        if (!StyleRules.TryFind(styles.Value, style, out var styleOptions, out string? notFound))
        {
            await Problems.NotFound(context, notFound);
            return;
        }

        if (!TileRequest.TryParse(style, z, x, file, out var request, out var error))
        {
            await Problems.BadRequest(context, error);
            return;
        }

        if (StyleRules.ZoomOutside(styleOptions, style, string.Create(CultureInfo.InvariantCulture, $"zoom {request.Tile.Z}"), request.Tile.Z, request.Tile.Z) is { } zoomError)
        {
            await Problems.BadRequest(context, zoomError);
            return;
        }

        var key = new TileCacheKey(request.Style, request.Scale, request.Tile);
        if (await cache.GetAsync(key, context.RequestAborted) is { } cached)
        {
            int status = Write(context, cached.Bytes, cached.ETag, cached.LastModifiedHeader, cacheHeaders.Fresh(request.Tile.Z));
            metrics.Hit(status);
            if (status == StatusCodes.Status200OK)
            {
                await context.Response.Body.WriteAsync(cached.Bytes, context.RequestAborted);
            }

            return;
        }

        await ServeFromGrainAsync(context, request, key);
    }

    private async Task ServeFromGrainAsync(HttpContext context, TileRequest request, TileCacheKey key)
    {
        var result = await CallGrainAsync(request, context.RequestAborted);
        if (result.Status != TileStatus.Ok)
        {
            metrics.Miss(StatusCodes.Status503ServiceUnavailable);
            string detail = ReferenceEquals(result, OutOfBudget)
                ? $"tile {request.Tile} was not ready within the gateway's {_requestTimeout.TotalSeconds:0} s; its render goes on, ask again"
                : result.Status == TileStatus.Overloaded
                    ? $"the render queue is full; tile {request.Tile} will be rendered later"
                    : $"tile {request.Tile} cannot be rendered now (its data source is unavailable)";
            await Problems.Unavailable(context, detail, result.RetryAfter);
            return;
        }

        byte[] bytes = result.Bytes;
        if (!result.Dirty)
        {
            await cache.SetAsync(key, new CachedTile(bytes, result.ETag, result.LastModified), context.RequestAborted);
        }

        string cacheControl = result.Dirty ? cacheHeaders.Dirty : cacheHeaders.Fresh(request.Tile.Z);
        int status = Write(context, bytes, result.ETag, result.LastModified.ToString("R", CultureInfo.InvariantCulture), cacheControl);
        metrics.Miss(status);
        if (status == StatusCodes.Status200OK)
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>
    /// Asks the metatile's grain for the tile within the request budget. An attempt that fails in
    /// the cluster (its silo died or stops) or takes longer than <c>Cluster:CallAttemptTimeout</c>
    /// (its silo may hang) is tried again: Orleans places the grain anew once the silo is out, and a
    /// retry of a merely slow render joins the same in-flight render.
    /// </summary>
    private async Task<TileResult> CallGrainAsync(TileRequest request, CancellationToken aborted)
    {
        if (!connection.IsConnected)
        {
            return TileResult.Unavailable(TimeSpan.FromSeconds(5));
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(_requestTimeout);
        var grain = grains.GetMetatileGrain(request.MetatileKey);
        for (int attempt = 1; ; attempt++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
            attemptTimeout.CancelAfter(_attemptTimeout);
            try
            {
                return await grain.GetTileAsync(request.Tile, attemptTimeout.Token).WaitAsync(attemptTimeout.Token);
            }
            catch (Exception e) when (!budget.IsCancellationRequested && e is OrleansException or TimeoutException or OperationCanceledException)
            {
                metrics.Retry();
                LogRetry(request.MetatileKey, attempt, e);
                await Task.Delay(RetryDelay(attempt), budget.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
            catch (Exception) when (budget.IsCancellationRequested && !aborted.IsCancellationRequested)
            {
                // Our budget ran out, not the client's patience: say when to come back rather than hang.
                return OutOfBudget;
            }
        }
    }

    private static TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(1000, 50 * (1 << Math.Min(attempt, 5))));

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Tile call to {Metatile} failed (attempt {Attempt}); retrying")]
    private partial void LogRetry(MetatileKey metatile, int attempt, Exception error);

    /// <summary>Sets status and headers; returns 304 when the client's ETag matches, else 200.</summary>
    private static int Write(HttpContext context, byte[] bytes, string etag, string lastModified, string cacheControl)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = etag;
        headers.CacheControl = cacheControl;
        headers.LastModified = lastModified;
        if (Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return response.StatusCode;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "image/png";
        response.ContentLength = bytes.Length;
        return response.StatusCode;
    }

    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (string? value in ifNoneMatch)
        {
            if (value is not null && (value.Trim() == "*" || value.Contains(etag, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
