using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Storage.Caches;

namespace TileCluster.Gateway.Admin;

/// <summary>
/// <c>POST /admin/expire</c>: an osm2pgsql expire list in, metatile expiries out to their owner
/// silos. All or nothing at the gate: a list with any bad line, too big a body or too many
/// metatiles is refused before anything is applied.
/// </summary>
internal sealed partial class ExpireEndpoints(
    IOptions<LayersOptions> layers,
    IOptions<ExpireOptions> options,
    IExpiryDelivery delivery,
    TileCaches caches,
    ExpiryBroadcast broadcast,
    ILogger<ExpireEndpoints> logger)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/admin/expire", static (HttpContext context, ExpireEndpoints endpoints) => endpoints.ExpireAsync(context))
            .AddEndpointFilter<AdminAuthorization>();

    public async Task<IResult> ExpireAsync(HttpContext context)
    {
        var limits = options.Value;
        if (!ExpireRequest.TryParse(context.Request.Query, layers.Value, limits, out var request, out string error))
        {
            return Results.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid expire request");
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(context, limits.MaxBodyBytes);
        if (tooLarge)
        {
            return TooLarge(string.Create(CultureInfo.InvariantCulture, $"the expire list is larger than Expire:MaxBodyBytes ({limits.MaxBodyBytes} bytes); post it in parts (tilecluster expire --chunk-lines does)"));
        }

        var list = ExpireList.Parse(body.Span);
        if (!list.IsValid)
        {
            LogRejected(list.ErrorCount, list.Errors[0].ToString());
            return Results.Problem(
                detail: string.Create(CultureInfo.InvariantCulture, $"{list.ErrorCount} malformed line{(list.ErrorCount == 1 ? string.Empty : "s")} in the expire list; nothing was applied. First: {list.Errors[0]}"),
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed expire list",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = list.Errors.Select(e => new { line = e.Line, reason = e.Reason }).ToArray(),
                    ["errorCount"] = list.ErrorCount,
                });
        }

        var targets = new List<ExpiryTarget>();
        var expanded = new Dictionary<(int Min, int Max), MetatileSet>();
        foreach (string style in request.Styles)
        {
            var styleOptions = layers.Value.Layers[style];
            int min = Math.Max(request.MinZoom, styleOptions.MinZoom), max = Math.Min(request.MaxZoom, styleOptions.MaxZoom);
            if (min > max)
            {
                continue;
            }

            if (!expanded.TryGetValue((min, max), out var set))
            {
                set = ExpireExpansion.Expand(list.Tiles, min, max, limits.MaxMetatiles);
                if (set is null)
                {
                    return TooLarge(string.Create(CultureInfo.InvariantCulture, $"the expire list expands to more than Expire:MaxMetatiles ({limits.MaxMetatiles}) metatiles over zooms {min}..{max}; narrow the zoom range or post fewer lines"));
                }

                expanded[(min, max)] = set;
            }

            targets.Add(new ExpiryTarget(style, 1, set));
            targets.Add(new ExpiryTarget(style, 2, set));
        }

        // Drop cached copies before and after: a request racing the delivery could otherwise cache a
        // tile the silo had not yet marked. Before: this gateway's own tiers only (cheap, and it
        // keeps them from answering during the delivery); after: every tier, shared ones included.
        caches.RemoveFromLocalTiers(targets);
        ExpiryReport report;
        try
        {
            report = await delivery.DeliverAsync(targets, request.WaitForHot, request.WaitTimeout, context.RequestAborted);
        }
        catch (ClusterUnavailableException e)
        {
            LogUndelivered(list.Tiles.Count, e.Message);
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem(
                detail: $"expiries could not be delivered ({e.Message}); part of the list may have been applied: post the whole list again (expiry is idempotent)",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Cluster unavailable");
        }

        await caches.RemoveAsync(targets, CancellationToken.None);
        foreach (string style in targets.Select(t => t.Style).Distinct(StringComparer.Ordinal))
        {
            await broadcast.AnnounceAsync(style, CancellationToken.None);
        }

        LogDelivered(list.Tiles.Count, report.Keys, report.Dirtied, report.HotRefreshing, report.Delivered.TotalMilliseconds);
        return Results.Json(new ExpireResponse
        {
            Lines = list.Lines,
            Tiles = list.Tiles.Count,
            Metatiles = expanded.Values.Sum(s => s.Count),
            Keys = report.Keys,
            Dirtied = report.Dirtied,
            NotStored = report.NotStored,
            HotRefreshing = report.HotRefreshing,
            Silos = report.Silos,
            Batches = report.Batches,
            DeliveredMs = Math.Round(report.Delivered.TotalMilliseconds, 1),
            HotRendered = request.WaitForHot ? report.HotRendered : null,
            HotFailed = request.WaitForHot ? report.HotFailed : null,
            HotTimedOut = request.WaitForHot ? report.HotTimedOut : null,
            HotRenderedMs = report.HotRenderedAfter is { } after ? Math.Round(after.TotalMilliseconds, 1) : null,
        });
    }

    private static IResult TooLarge(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Expire list too large");

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Rejected an expire list: {Count} malformed lines; first {First}")]
    private partial void LogRejected(int count, string first);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Expire list of {Tiles} tiles not delivered: {Reason}")]
    private partial void LogUndelivered(int tiles, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Expired {Tiles} tiles: {Keys} metatile keys, {Dirtied} dirtied, {Hot} re-rendering now; delivered in {Ms:F0} ms")]
    private partial void LogDelivered(int tiles, long keys, long dirtied, long hot, double ms);
}
