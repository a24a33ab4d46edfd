using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Storage.Caches;

namespace TileCluster.Gateway.Admin;

/// <summary>
/// <c>POST /admin/delete</c> (<c>tilecluster clean --delete</c>): the same query and expire-list
/// body as <c>/admin/expire</c>, but the metatiles are removed from the silos' stores and from
/// every cache tier, so the next request renders them afresh. All or nothing at the gate, like expiry.
/// </summary>
internal sealed partial class DeleteEndpoints(
    IOptions<LayersOptions> layers,
    IOptions<ExpireOptions> options,
    IExpiryDelivery delivery,
    TileCaches cache,
    ExpiryBroadcast broadcast,
    ILogger<DeleteEndpoints> logger)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/admin/delete", static (HttpContext context, DeleteEndpoints endpoints) => endpoints.DeleteAsync(context))
            .AddEndpointFilter<AdminAuthorization>();

    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        var limits = options.Value;
        if (context.Request.Query.ContainsKey("wait") || context.Request.Query.ContainsKey("timeout"))
        {
            return BadRequest("wait and timeout belong to /admin/expire: a deleted metatile is rendered on its next request");
        }

        if (!ExpireRequest.TryParse(context.Request.Query, layers.Value, limits, out var request, out string error))
        {
            return BadRequest(error);
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(context, limits.MaxBodyBytes);
        if (tooLarge)
        {
            return TooLarge(string.Create(CultureInfo.InvariantCulture, $"the list is larger than Expire:MaxBodyBytes ({limits.MaxBodyBytes} bytes); post it in parts"));
        }

        var list = ExpireList.Parse(body.Span);
        if (!list.IsValid)
        {
            return Results.Problem(
                detail: string.Create(CultureInfo.InvariantCulture, $"{list.ErrorCount} malformed line{(list.ErrorCount == 1 ? string.Empty : "s")} in the list; nothing was deleted. First: {list.Errors[0]}"),
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed tile list",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = list.Errors.Select(e => new { line = e.Line, reason = e.Reason }).ToArray(),
                    ["errorCount"] = list.ErrorCount,
                });
        }

        var targets = new List<ExpiryTarget>();
        long metatiles = 0;
        foreach (string style in request.Styles)
        {
            var layer = layers.Value.Layers[style];
            int min = Math.Max(request.MinZoom, layer.MinZoom), max = Math.Min(request.MaxZoom, layer.MaxZoom);
            if (min > max)
            {
                continue;
            }

            var set = ExpireExpansion.Expand(list.Tiles, min, max, limits.MaxMetatiles);
            if (set is null)
            {
                return TooLarge(string.Create(CultureInfo.InvariantCulture, $"the list expands to more than Expire:MaxMetatiles ({limits.MaxMetatiles}) metatiles over zooms {min}..{max}; narrow the zoom range or post fewer lines"));
            }

            metatiles += set.Count;
            targets.Add(new ExpiryTarget(style, 1, set));
            targets.Add(new ExpiryTarget(style, 2, set));
        }

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

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid delete request");

    private static IResult TooLarge(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Tile list too large");

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Delete list of {Tiles} tiles not delivered: {Reason}")]
    private partial void LogUndelivered(int tiles, string reason);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "Deleted {Tiles} tiles: {Keys} metatile keys, {Deleted} stored metatiles removed")]
    private partial void LogDeleted(int tiles, long keys, long deleted);
}
