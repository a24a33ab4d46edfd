using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Storage.Caches;

namespace TileCluster.Gateway.Admin;

/// <summary>
/// <c>POST /admin/delete</c> (<c>tilecluster clean --delete</c>): the same query and expire-list
/// body as <c>/admin/expire</c>, through the same <see cref="ExpireGate"/>, but the metatiles are
/// removed from the silos' stores and from every cache tier, so the next request renders them
/// afresh. All or nothing at the gate, like expiry.
/// </summary>
internal sealed partial class DeleteEndpoints(
    ExpireGate gate,
    IExpiryDelivery delivery,
    TileCaches cache,
    ExpiryBroadcast broadcast,
    ILogger<DeleteEndpoints> logger)
{
    private static readonly ExpireGateWording Wording = new("delete", "tile list", "nothing was deleted", string.Empty);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/admin/delete", static (HttpContext context, DeleteEndpoints endpoints) => endpoints.DeleteAsync(context))
            .AddEndpointFilter<AdminAuthorization>();

    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        if (context.Request.Query.ContainsKey("wait") || context.Request.Query.ContainsKey("timeout"))
        {
            return Results.Problem(
                detail: "wait and timeout belong to /admin/expire: a deleted metatile is rendered on its next request",
                statusCode: StatusCodes.Status400BadRequest,
                title: $"Invalid {Wording.Verb} request");
        }

        var (gated, problem) = await gate.ReadAsync(context, Wording);
        if (gated is null)
        {
            return problem!;
        }

        var (_, list, targets, metatiles) = gated;

        // As with expiry: this gateway's tiers first so they stop answering, every tier after the stores.
        cache.RemoveFromLocalTiers(targets);
        DeleteReport report;
        try
        {
            report = await delivery.DeleteAsync(targets, context.RequestAborted);
        }
        catch (ClusterUnavailableException e)
        {
            LogUndelivered(list.Tiles.Count, e.Message);
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem(
                detail: $"the deletes could not be delivered ({e.Message}); part of the list may have been applied: post the whole list again (deleting is idempotent)",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Cluster unavailable");
        }

        await cache.RemoveAsync(targets, CancellationToken.None);
        foreach (string style in targets.Select(t => t.Style).Distinct(StringComparer.Ordinal))
        {
            await broadcast.AnnounceAsync(style, CancellationToken.None);
        }

        LogDeleted(list.Tiles.Count, report.Keys, report.Deleted);
        return Results.Json(new DeleteResponse
        {
            Lines = list.Lines,
            Tiles = list.Tiles.Count,
            Metatiles = metatiles,
            Keys = report.Keys,
            Deleted = report.Deleted,
            NotStored = report.NotStored,
            Silos = report.Silos,
        });
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Delete list of {Tiles} tiles not delivered: {Reason}")]
    private partial void LogUndelivered(int tiles, string reason);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "Deleted {Tiles} tiles: {Keys} metatile keys, {Deleted} stored metatiles removed")]
    private partial void LogDeleted(int tiles, long keys, long deleted);
}
