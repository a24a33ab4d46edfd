using Microsoft.AspNetCore.Http.Features;
using TileCluster.Gateway.Http;

namespace TileCluster.Gateway.Jobs;

/// <summary>
/// Refuses <c>/jobs/…</c> requests whose raw path has dot segments, plain or encoded (<c>%2e</c>).
/// Kestrel would resolve them before routing (so <c>/jobs/%2e%2e/status.json</c> would become
/// <c>/status.json</c>); a client that sends them means a job id or file that cannot exist.
/// </summary>
internal static class JobPathGuard
{
    public static IApplicationBuilder UseJobPathGuard(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
            int query = raw.IndexOf('?', StringComparison.Ordinal);
            var path = query < 0 ? raw.AsSpan() : raw.AsSpan(0, query);
            return path.StartsWith("/jobs/", StringComparison.OrdinalIgnoreCase) &&
                   (path.Contains("/.", StringComparison.Ordinal) || path.Contains("%2e", StringComparison.OrdinalIgnoreCase))
                ? Problems.BadRequest(context, "job ids and file names are 1-64 characters of a-z, 0-9 and '-' (files also '_' and '.'), never a dot segment")
                : next(context);
        });
}
