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
/// <c>GET /{layer}/{z}/{x}/{y}[@2x].png</c> (<c>.jpg</c>/<c>.jpeg</c> or <c>.webp</c> for JPEG and
/// WebP style layers, <c>.mvt</c>/<c>.pbf</c> or <c>.geojson</c>/<c>.json</c> for vector layers,
/// <c>.grid.json</c>/<c>.json</c> with an optional JSONP <c>?callback=</c> for UTFGrid layers), and the same tile in TMS row order at
/// <c>/{layer}/tms/{z}/{x}/{y}[@2x].png</c>. Order of work: validate (layer, redirects, address,
/// zoom, bounds), cache tiers, grain, then headers and the 304 check. The gateway never renders.
/// </summary>
internal sealed partial class TileEndpoints(
    IOptions<LayersOptions> layers,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<OrleansClusterOptions> clusterOptions,
    TileCaches caches,
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

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/{layer}/{z}/{x}/{file}", static (HttpContext context, string layer, string z, string x, string file, TileEndpoints endpoints) =>
            endpoints.ServeAsync(context, layer, z, x, file, tms: false));
        app.MapGet("/{layer}/tms/{z}/{x}/{file}", static (HttpContext context, string layer, string z, string x, string file, TileEndpoints endpoints) =>
            endpoints.ServeAsync(context, layer, z, x, file, tms: true));
    }

    public async Task ServeAsync(HttpContext context, string layer, string z, string x, string file, bool tms)
    {
        if (!LayerRules.TryFind(layers.Value, layer, out var layerOptions, out string? notFound))
        {
            await Problems.NotFound(context, notFound);
            return;
        }

        if (layerOptions.Redirects.Count > 0 && TryRedirect(context, layerOptions, file))
        {
            return;
        }

        var format = TileFormat.Of(layerOptions);
        if (!TileRequest.TryParse(layer, z, x, file, tms, format, out var request, out var error))
        {
            await Problems.BadRequest(context, error);
            return;
        }

        string? callback = null;
        if (format.IsGrid && !JsonResponses.TryGetCallback(context.Request, out callback, out string? callbackError))
        {
            await Problems.BadRequest(context, callbackError);
            return;
        }

        if (LayerRules.ZoomOutside(layerOptions, layer, string.Create(CultureInfo.InvariantCulture, $"zoom {request.Tile.Z}"), request.Tile.Z, request.Tile.Z) is { } zoomError)
        {
            await Problems.BadRequest(context, zoomError);
            return;
        }

        if (layerOptions.Provider.IsPassThrough && request.Scale != 1)
        {
            await Problems.NotFound(context, $"layer '{layer}' passes its {layerOptions.Provider.Kind} source's tiles through; it offers no @2x tiles");
            return;
        }

        if (layerOptions.Scale != 1)
        {
            if (request.Scale != 1)
            {
                await Problems.NotFound(context, $"layer '{layer}' has {layerOptions.TileSize} px tiles; it offers no @2x tiles");
                return;
            }

            request = request with { Scale = layerOptions.Scale };
        }

        if (!Covers(layerOptions, request.Tile))
        {
            await Problems.NotFound(context, $"tile {request.Tile} is outside the bounds of layer '{layer}'");
            return;
        }

        var key = new TileCacheKey(request.Layer, request.Scale, request.Tile);
        if (await caches.For(request.Layer).GetAsync(key, context.RequestAborted) is { } cached)
        {
            var (body, etag) = Encode(context, format, cached.Bytes, cached.ETag, callback);
            int status = Write(context, format, callback, body, etag, cached.LastModifiedHeader, cacheHeaders.Fresh(layer, request.Tile.Z));
            metrics.Hit(status);
            if (status == StatusCodes.Status200OK)
            {
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            }

            return;
        }

        await ServeFromGrainAsync(context, request, key, format, callback, layerOptions.WriteCache, layerOptions.Provider.IsPassThrough);
    }

    /// <summary>Whether the tile meets one of the layer's bounds (any tile when it has none).</summary>
    private static bool Covers(LayerOptions layer, TileCoord tile)
    {
        if (layer.Bounds.Count == 0)
        {
            return true;
        }

        foreach (var box in layer.Bounds)
        {
            if (box.Covers(tile))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Answers 302 when the file's extension is one the layer redirects (<c>Redirects</c>); the path and query stay.</summary>
    private static bool TryRedirect(HttpContext context, LayerOptions layer, string file)
    {
        var extension = TileRequest.ExtensionOf(file);
        if (extension.IsEmpty || !layer.Redirects.TryGetValue(extension.ToString(), out string? target))
        {
            return false;
        }

        string path = context.Request.Path.Value!;
        context.Response.Redirect(string.Concat(context.Request.PathBase.Value, path.AsSpan(0, path.Length - extension.Length), target, context.Request.QueryString.Value));
        return true;
    }

    private async Task ServeFromGrainAsync(HttpContext context, TileRequest request, TileCacheKey key, TileFormat format, string? callback, bool writeCache, bool passThrough)
    {
        var result = await CallGrainAsync(request, passThrough, context.RequestAborted);
        if (result.Status is TileStatus.NotFound or TileStatus.UpstreamFailed or TileStatus.UpstreamTimedOut)
        {
            await ServeSourceFailureAsync(context, result);
            return;
        }

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
        if (!result.Dirty && writeCache)
        {
            await caches.For(request.Layer).SetAsync(key, new CachedTile(bytes, result.ETag, result.LastModified), context.RequestAborted);
        }

        string cacheControl = result.Dirty ? cacheHeaders.Dirty : cacheHeaders.Fresh(request.Layer, request.Tile.Z);
        var (body, etag) = Encode(context, format, bytes, result.ETag, callback);
        int status = Write(context, format, callback, body, etag, result.LastModified.ToString("R", CultureInfo.InvariantCulture), cacheControl);
        metrics.Miss(status);
        if (status == StatusCodes.Status200OK)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>A pass-through source's failure: 404 for a tile it lacks, 502 for an upstream error, 504 for a timeout; never cached.</summary>
    private Task ServeSourceFailureAsync(HttpContext context, TileResult result)
    {
        string detail = result.Detail ?? result.Status.ToString();
        switch (result.Status)
        {
            case TileStatus.NotFound:
                metrics.Miss(StatusCodes.Status404NotFound);
                return Problems.NotFound(context, detail);
            case TileStatus.UpstreamTimedOut:
                metrics.Miss(StatusCodes.Status504GatewayTimeout);
                return Problems.GatewayTimeout(context, detail);
            default:
                metrics.Miss(StatusCodes.Status502BadGateway);
                return Problems.BadGateway(context, detail);
        }
    }

    /// <summary>
    /// Asks the metatile's grain (a pass-through layer: the tile's grain) for the tile within the request budget. An attempt that fails in
    /// the cluster (its silo died or stops) or takes longer than <c>Cluster:CallAttemptTimeout</c>
    /// (its silo may hang) is tried again: Orleans places the grain anew once the silo is out, and a
    /// retry of a merely slow render joins the same in-flight render.
    /// </summary>
    private async Task<TileResult> CallGrainAsync(TileRequest request, bool passThrough, CancellationToken aborted)
    {
        if (!connection.IsConnected)
        {
            return TileResult.Unavailable(TimeSpan.FromSeconds(5));
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(_requestTimeout);
        var grain = passThrough ? null : grains.GetMetatileGrain(request.MetatileKey);
        var tileGrain = passThrough ? grains.GetPassThroughTileGrain(new PassThroughTileKey(request.Layer, request.Tile)) : null;
        for (int attempt = 1; ; attempt++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
            attemptTimeout.CancelAfter(_attemptTimeout);
            try
            {
                var call = tileGrain is not null ? tileGrain.GetTileAsync(attemptTimeout.Token) : grain!.GetTileAsync(request.Tile, attemptTimeout.Token);
                return await call.WaitAsync(attemptTimeout.Token);
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

    /// <summary>
    /// The body and ETag to send: a grid asked for with a JSONP <paramref name="callback"/> is
    /// wrapped in it (an ETag per callback, as the bytes differ); vector tiles and grids are gzipped
    /// for clients that accept it (with <c>Vary: Accept-Encoding</c>, and an ETag of their own, as a
    /// different encoding of a representation must have); images go as they are.
    /// </summary>
    private static (byte[] Body, string ETag) Encode(HttpContext context, TileFormat format, byte[] tile, string etag, string? callback)
    {
        if (!format.Compresses)
        {
            return (tile, etag);
        }

        if (callback is not null)
        {
            tile = JsonResponses.Wrap(callback, tile);
            etag = Suffixed(etag, "-" + callback);
            context.Response.Headers.XContentTypeOptions = "nosniff";
        }

        context.Response.Headers.Vary = "Accept-Encoding";
        if (!AcceptsGzip(context.Request))
        {
            return (tile, etag);
        }

        context.Response.Headers.ContentEncoding = "gzip";
        return (TileFormat.Gzip(tile), Suffixed(etag, "-gzip"));
    }

    private static string Suffixed(string etag, string suffix) =>
        etag.EndsWith('"') ? string.Concat(etag.AsSpan(0, etag.Length - 1), suffix, "\"") : etag + suffix;

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var coding in request.GetTypedHeaders().AcceptEncoding)
        {
            if ((coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value.Equals("*", StringComparison.Ordinal)) && coding.Quality is not 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets status and headers; returns 304 when the client's ETag matches, else 200.</summary>
    private static int Write(HttpContext context, TileFormat format, string? callback, byte[] bytes, string etag, string lastModified, string cacheControl)
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
        response.ContentType = callback is null ? format.ContentType : JsonResponses.JavaScriptContentType;
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
