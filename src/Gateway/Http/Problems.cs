using System.Globalization;

namespace TileCluster.Gateway.Http;

/// <summary>ProblemDetails answers for expected failures: every body names the problem.</summary>
internal static class Problems
{
    public static Task BadRequest(HttpContext context, string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request").ExecuteAsync(context);

    public static Task NotFound(HttpContext context, string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found").ExecuteAsync(context);

    public static Task TooLarge(HttpContext context, string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large").ExecuteAsync(context);

    /// <summary>429 with Retry-After: this client has too many requests of this kind running.</summary>
    public static Task TooManyRequests(HttpContext context, string detail, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context);
    }

    /// <summary>502: a pass-through layer's upstream answered an error or something that is not a tile.</summary>
    public static Task BadGateway(HttpContext context, string detail)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status502BadGateway, title: "Bad gateway").ExecuteAsync(context);
    }

    /// <summary>504: a pass-through layer's upstream did not answer in time.</summary>
    public static Task GatewayTimeout(HttpContext context, string detail)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status504GatewayTimeout, title: "Gateway timeout").ExecuteAsync(context);
    }

    /// <summary>503 with Retry-After: the client should come back, not give up.</summary>
    public static Task Unavailable(HttpContext context, string detail, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable").ExecuteAsync(context);
    }

}
