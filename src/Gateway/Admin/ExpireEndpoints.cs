using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Storage.Caches;

namespace TileCluster.Gateway.Admin;

/// <summary>
/// <c>POST /admin/expire</c>: an osm2pgsql expire list in, metatile expiries out to their owner
/// silos. All or nothing at the <see cref="ExpireGate"/>: a list with any bad line, too big a body
/// or too many metatiles is refused before anything is applied.
/// </summary>
internal sealed partial class ExpireEndpoints(
    ExpireGate gate,
    IExpiryDelivery delivery,
    TileCaches caches,
    ExpiryBroadcast broadcast,
    ILogger<ExpireEndpoints> logger)
{
    private static readonly ExpireGateWording Wording = new("expire", "expire list", "nothing was applied", " (tilecluster expire --chunk-lines does)");

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/admin/expire", static (HttpContext context, ExpireEndpoints endpoints) => endpoints.ExpireAsync(context))
            .AddEndpointFilter<AdminAuthorization>();

    public async Task<IResult> ExpireAsync(HttpContext context)
    {
        var (gated, problem) = await gate.ReadAsync(context, Wording);
        if (gated is null)
        {
            return problem!;
        }

        var (request, list, targets, metatiles) = gated;

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
            Metatiles = metatiles,
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

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Expire list of {Tiles} tiles not delivered: {Reason}")]
    private partial void LogUndelivered(int tiles, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Expired {Tiles} tiles: {Keys} metatile keys, {Dirtied} dirtied, {Hot} re-rendering now; delivered in {Ms:F0} ms")]
    private partial void LogDelivered(int tiles, long keys, long dirtied, long hot, double ms);
}
