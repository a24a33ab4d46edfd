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
    private const int MaxAttempts = 4;
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
        int next = 0;
        SiloInfo? forcedTo = null;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var silo = forcedTo ?? (next < ranked.Length ? ranked[next++] : null);
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
            if (forcedTo is not null)
            {
                request.Headers.Add(GrainProtocol.ForceHeader, "1");
            }

            forcedTo = null;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Refused, reset or timed out: the silo is gone or hung. Try the next owner now;
                // the membership table will confirm within its timeout.
                view.ReportUnreachable(silo);
                LogFailover(key, silo.SiloId, e.Message);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.MisdirectedRequest)
            {
                string? owner = response.Headers.TryGetValues(GrainProtocol.OwnerHeader, out var values) ? values.FirstOrDefault() : null;
                response.Dispose();
                forcedTo = ranked.FirstOrDefault(s => s.SiloId == owner) ?? silo;
                LogRedirected(key, silo.SiloId, forcedTo.SiloId);
                continue;
            }

            return response;
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
