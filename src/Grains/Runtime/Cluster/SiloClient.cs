using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>
/// Calls grains on their owner silo over HTTP/2. An unreachable or dead owner is reported to the
/// membership view and the next silo in rendezvous order is tried, within the caller's budget; a
/// silo that answers 421 (not mine) names the owner it sees, which is then called with the
/// force header so two disagreeing views cannot bounce a call forever.
/// </summary>
internal sealed partial class SiloClient(HttpClient http, MembershipView view, ILogger<SiloClient> logger)
{
    private static readonly TimeSpan NoSilosRetryAfter = TimeSpan.FromSeconds(2);

    public async ValueTask<TileResult> GetTileAsync(MetatileKey key, TileCoord tile, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, key, GrainProtocol.TilePath(key, tile), cancellationToken);
        if (response is null)
        {
            return TileResult.Unavailable(NoSilosRetryAfter);
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            string etag = response.Headers.ETag?.ToString() ?? string.Empty;
            var lastModified = response.Content.Headers.LastModified ?? DateTimeOffset.UnixEpoch;
            return TileResult.Ok(bytes, etag, lastModified, response.Headers.Contains(GrainProtocol.DirtyHeader));
        }

        var retryAfter = response.Headers.RetryAfter?.Delta ?? NoSilosRetryAfter;
        return response.Headers.TryGetValues(GrainProtocol.OutcomeHeader, out var outcome) && outcome.Contains("overloaded")
            ? TileResult.Overloaded(retryAfter)
            : TileResult.Unavailable(retryAfter);
    }

    public async ValueTask<TileStatus> RenderAsync(MetatileKey key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, key, GrainProtocol.RenderPath(key), cancellationToken);
        return response?.StatusCode switch
        {
            HttpStatusCode.OK => TileStatus.Ok,
            HttpStatusCode.ServiceUnavailable when response.Headers.TryGetValues(GrainProtocol.OutcomeHeader, out var o) && o.Contains("overloaded") => TileStatus.Overloaded,
            _ => TileStatus.Unavailable,
        };
    }

    /// <summary>Sends to the owner, failing over; null when no silo could answer.</summary>
    private async ValueTask<HttpResponseMessage?> SendAsync(HttpMethod method, MetatileKey key, string path, CancellationToken cancellationToken)
    {
        var ranked = RendezvousPlacement.Ranked(key, view.Active);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        int next = 0;
        SiloInfo? forcedTo = null;
        bool force = false;

        // Every silo once, plus one redirect each way: enough for a view change in the middle of a call.
        for (int attempt = 0; attempt < ranked.Length + 2; attempt++)
        {
            var silo = forcedTo ?? NextCandidate(ranked, failed, ref next);
            forcedTo = null;
            if (silo is null)
            {
                return null;
            }

            // A request built by hand ignores the client's DefaultRequestVersion: ask for HTTP/2 explicitly.
            using var request = new HttpRequestMessage(method, new Uri(silo.Endpoint, path))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            if (force)
            {
                request.Headers.Add(GrainProtocol.ForceHeader, "1");
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Refused, reset or timed out: the silo is gone or hung. Try the next owner now;
                // the membership table will confirm within its timeout.
                failed.Add(silo.SiloId);
                view.ReportUnreachable(silo);
                LogFailover(key, silo.SiloId, e.Message);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.MisdirectedRequest)
            {
                string? owner = response.Headers.TryGetValues(GrainProtocol.OwnerHeader, out var values) ? values.FirstOrDefault() : null;
                response.Dispose();

                // Views disagree: from now on ask silos to serve anyway (the render lock keeps that
                // safe), starting with the owner this silo names, unless that one just failed.
                force = true;
                failed.Add(silo.SiloId);
                forcedTo = ranked.FirstOrDefault(s => s.SiloId == owner && !failed.Contains(s.SiloId));
                LogRedirected(key, silo.SiloId, owner ?? "?");
                continue;
            }

            return response;
        }

        return null;
    }

    private static SiloInfo? NextCandidate(SiloInfo[] ranked, HashSet<string> failed, ref int next)
    {
        while (next < ranked.Length)
        {
            var candidate = ranked[next++];
            if (!failed.Contains(candidate.SiloId))
            {
                return candidate;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Call for {Key} to {SiloId} failed ({Reason}); trying the next owner")]
    private partial void LogFailover(MetatileKey key, string siloId, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Debug, Message = "{SiloId} does not own {Key}; calling {Owner}")]
    private partial void LogRedirected(MetatileKey key, string siloId, string owner);

    internal static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
