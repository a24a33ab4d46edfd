using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Freshness;
using TileCluster.Grains.Runtime.Cluster;

namespace TileCluster.Silo;

/// <summary>
/// The internal endpoints gateways call. A silo serves only the keys it owns in its own view of
/// membership; for others it answers 421 naming the owner, and never renders them, unless the
/// caller forces it after a redirect (views disagree; the render lock keeps that safe).
/// </summary>
internal sealed class SiloEndpoints(
    IGrainFactory grains,
    IClusterStatus status,
    MembershipView view,
    MembershipAgent membership,
    SiloIdentity identity,
    InFlightCalls inFlight,
    ExpiryHandler expiry,
    IOptions<StylesOptions> styles)
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(GrainProtocol.TileRoute, static (HttpContext context, string style, int scale, int z, int x, int y, SiloEndpoints endpoints) =>
            endpoints.GetTileAsync(context, style, scale, z, x, y));
        app.MapPost(GrainProtocol.RenderRoute, static (HttpContext context, string style, int scale, int z, int x, int y, SiloEndpoints endpoints) =>
            endpoints.RenderAsync(context, style, scale, z, x, y));
        app.MapPost(GrainProtocol.ExpireRoute, static (HttpContext context, SiloEndpoints endpoints) => endpoints.ExpireAsync(context));
        app.MapPost(GrainProtocol.ExpireWaitRoute, static (HttpContext context, SiloEndpoints endpoints) => endpoints.WaitForRefreshAsync(context));
        app.MapGet(GrainProtocol.StatusRoute, static (HttpContext context, SiloEndpoints endpoints) => endpoints.StatusAsync(context));
        app.MapGet("/readyz", static (SiloEndpoints endpoints) => endpoints.Ready());
    }

    private async Task<IResult> StatusAsync(HttpContext context) => Results.Json((await status.GetSilosAsync(context.RequestAborted))[0]);

    // Ready only while active: a joining or leaving silo should get no traffic from a load balancer either.
    private IResult Ready() => membership.State == SiloState.Active
        ? Results.Text("ready")
        : Results.Text(membership.State.ToString(), statusCode: StatusCodes.Status503ServiceUnavailable);

    private async Task GetTileAsync(HttpContext context, string style, int scale, int z, int x, int y)
    {
        if (!TryKey(context, style, scale, z, x, y, out var key, out var tile))
        {
            return;
        }

        inFlight.Enter();
        try
        {
            var result = await grains.GetMetatileGrain(key).GetTileAsync(tile, context.RequestAborted);
            var response = context.Response;
            if (result.Status != TileStatus.Ok)
            {
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers[GrainProtocol.OutcomeHeader] = result.Status == TileStatus.Overloaded ? "overloaded" : "unavailable";
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "image/png";
            response.Headers.ETag = result.ETag;
            response.Headers.LastModified = result.LastModified.ToString("R", CultureInfo.InvariantCulture);
            if (result.Dirty)
            {
                response.Headers[GrainProtocol.DirtyHeader] = "1";
            }

            response.ContentLength = result.Bytes.Length;
            await response.Body.WriteAsync(result.Bytes, context.RequestAborted);
        }
        finally
        {
            inFlight.Exit();
        }
    }

    private async Task RenderAsync(HttpContext context, string style, int scale, int z, int x, int y)
    {
        if (!TryKey(context, style, scale, z, x, y, out var key, out _))
        {
            return;
        }

        inFlight.Enter();
        try
        {
            var outcome = await grains.GetMetatileGrain(key).RenderAsync(context.RequestAborted);
            context.Response.StatusCode = outcome == TileStatus.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            if (outcome != TileStatus.Ok)
            {
                context.Response.Headers[GrainProtocol.OutcomeHeader] = outcome == TileStatus.Overloaded ? "overloaded" : "unavailable";
            }
        }
        finally
        {
            inFlight.Exit();
        }
    }

    private async Task<IResult> ExpireAsync(HttpContext context)
    {
        var (style, scale, metatiles, error) = await ReadBatchAsync(context);
        if (error is not null)
        {
            return Results.BadRequest(error);
        }

        bool force = context.Request.Headers.ContainsKey(GrainProtocol.ForceHeader);
        inFlight.Enter();
        try
        {
            var active = view.Active;
            var response = await expiry.ExpireAsync(style, scale, metatiles, key =>
            {
                var owner = RendezvousPlacement.Owner(key, active);
                return force || owner is null || owner.SiloId == identity.SiloId ? null : owner.SiloId;
            }, context.RequestAborted);
            return Results.Json(response);
        }
        finally
        {
            inFlight.Exit();
        }
    }

    private async Task<IResult> WaitForRefreshAsync(HttpContext context)
    {
        var (style, scale, metatiles, error) = await ReadBatchAsync(context);
        if (error is not null)
        {
            return Results.BadRequest(error);
        }

        if (!long.TryParse(context.Request.Query["timeoutMs"], NumberStyles.None, CultureInfo.InvariantCulture, out long timeoutMs) || timeoutMs > 3_600_000)
        {
            return Results.BadRequest("timeoutMs must be a whole number of milliseconds up to 3600000");
        }

        return Results.Json(await expiry.WaitAsync(style, scale, metatiles, TimeSpan.FromMilliseconds(timeoutMs), context.RequestAborted));
    }

    private async Task<(string Style, int Scale, List<MetatileCoord> Metatiles, string? Error)> ReadBatchAsync(HttpContext context)
    {
        string style = context.Request.Query["style"].ToString();
        if (!styles.Value.Styles.ContainsKey(style) || !int.TryParse(context.Request.Query["scale"], NumberStyles.None, CultureInfo.InvariantCulture, out int scale) || scale is not (1 or 2))
        {
            return (style, 0, [], "style must be a configured style and scale 1 or 2");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var metatiles = new List<MetatileCoord>((int)(buffer.Length / GrainProtocol.MetatileRecordSize));
        return GrainProtocol.TryDecodeMetatiles(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), metatiles, out string? error)
            ? (style, scale, metatiles, null)
            : (style, scale, [], error);
    }

    /// <summary>Validates the call and checks ownership; writes 400 or 421 and returns false when the call is not for this silo.</summary>
    private bool TryKey(HttpContext context, string style, int scale, int z, int x, int y, out MetatileKey key, out TileCoord tile)
    {
        key = default;
        if (!styles.Value.Styles.ContainsKey(style) || scale is not (1 or 2) || !TileCoord.TryCreate(z, x, y, out tile, out _))
        {
            tile = default;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        key = MetatileKey.For(style, scale, tile);
        var owner = RendezvousPlacement.Owner(key, view.Active);
        if (owner is not null && owner.SiloId != identity.SiloId && !context.Request.Headers.ContainsKey(GrainProtocol.ForceHeader))
        {
            context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            context.Response.Headers[GrainProtocol.OwnerHeader] = owner.SiloId;
            return false;
        }

        return true;
    }
}
