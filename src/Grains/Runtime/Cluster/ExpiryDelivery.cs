using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>
/// Groups expired metatiles by owner silo (the same rendezvous placement as tile calls) and
/// posts them in batches over HTTP/2. A silo that cannot be reached has its share re-grouped
/// onto the next owners; metatiles a silo sends back as not its own go to the owner it names.
/// </summary>
internal sealed partial class ExpiryDelivery(HttpClient http, MembershipView view, IOptions<ClusterOptions> options, ILogger<ExpiryDelivery> logger) : IExpiryDelivery
{
    /// <summary>Metatiles per batch: about 240 KB on the wire, and well under a second of work for a silo.</summary>
    public const int BatchSize = 20_000;

    public async ValueTask<ExpiryReport> DeliverAsync(IReadOnlyList<ExpiryTarget> targets, bool waitForHot, TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var silos = view.Active;
        if (silos.Length == 0)
        {
            throw new ClusterUnavailableException("no active silo to deliver expiries to");
        }

        var run = new Delivery(silos, Math.Max(2, silos.Length * 2));
        var sends = new List<Task>();
        foreach (var target in targets)
        {
            var buffers = new Dictionary<SiloInfo, List<MetatileCoord>>();
            foreach (var metatile in target.Metatiles.Enumerate())
            {
                var owner = RendezvousPlacement.Owner(new MetatileKey(target.Style, target.Scale, metatile), silos)!;
                if (!buffers.TryGetValue(owner, out var buffer))
                {
                    buffers[owner] = buffer = new List<MetatileCoord>(BatchSize);
                }

                buffer.Add(metatile);
                if (buffer.Count == BatchSize)
                {
                    sends.Add(SendAsync(run, owner, target.Style, target.Scale, buffer, force: false, cancellationToken));
                    buffers[owner] = new List<MetatileCoord>(BatchSize);
                }
            }

            sends.AddRange(buffers.Where(b => b.Value.Count > 0).Select(b => SendAsync(run, b.Key, target.Style, target.Scale, b.Value, force: false, cancellationToken)));
        }

        await Task.WhenAll(sends);
        var delivered = Stopwatch.GetElapsedTime(started);
        long hotRendered = 0, hotFailed = 0, hotTimedOut = 0;
        TimeSpan? hotRenderedAfter = null;
        if (waitForHot)
        {
            var waits = run.Refreshing.SelectMany(group => group.Value.Chunk(BatchSize).Select(chunk => WaitAsync(group.Key.Silo, group.Key.Style, group.Key.Scale, chunk, waitTimeout, cancellationToken)));
            foreach (var result in await Task.WhenAll(waits))
            {
                hotRendered += result.Rendered;
                hotFailed += result.Failed;
                hotTimedOut += result.TimedOut;
            }

            hotRenderedAfter = hotTimedOut == 0 ? Stopwatch.GetElapsedTime(started) : null;
        }

        return new ExpiryReport(
            targets.Sum(t => t.Metatiles.Count),
            run.Dirtied,
            run.NotStored,
            run.Refreshing.Sum(r => (long)r.Value.Count),
            run.SilosUsed.Count,
            run.Batches,
            delivered,
            hotRendered,
            hotFailed,
            hotTimedOut,
            hotRenderedAfter);
    }

    /// <summary>Waits for one metatile's re-render on the silo that owns it.</summary>
    public Task<RefreshWaitResponse> WaitForRefreshAsync(MetatileKey key, TimeSpan timeout, CancellationToken cancellationToken) =>
        RendezvousPlacement.Owner(key, view.Active) is { } owner
            ? WaitAsync(owner, key.Style, key.Scale, [key.Metatile], timeout, cancellationToken)
            : throw new ClusterUnavailableException("no active silo");

    private async Task SendAsync(Delivery run, SiloInfo silo, string style, int scale, List<MetatileCoord> metatiles, bool force, CancellationToken cancellationToken)
    {
        ExpireBatchResponse? response = null;
        string? failure = null;
        await run.Gate.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.CallTimeout * 3);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Endpoint, GrainProtocol.ExpirePath(style, scale)))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(GrainProtocol.EncodeMetatiles(metatiles)),
            };
            if (force)
            {
                request.Headers.Add(GrainProtocol.ForceHeader, "1");
            }

            Interlocked.Increment(ref run.Batches);
            using var reply = await http.SendAsync(request, timeout.Token);
            if (reply.StatusCode == HttpStatusCode.OK)
            {
                response = await reply.Content.ReadFromJsonAsync<ExpireBatchResponse>(timeout.Token);
            }

            failure = response is null ? $"HTTP {(int)reply.StatusCode}" : null;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            failure = e.Message;
        }
        finally
        {
            run.Gate.Release();
        }

        if (response is null)
        {
            LogBatchFailed(silo.SiloId, metatiles.Count, failure ?? "no answer");
            view.ReportUnreachable(silo);
            await RerouteAsync(run, silo, style, scale, metatiles, cancellationToken);
            return;
        }

        run.Record(silo, style, scale, response);
        var followUps = new List<Task>();
        foreach (var misdirected in response.Misdirected)
        {
            var list = misdirected.Metatiles.Select(m => MetatileCoord.Containing(TileCoord.Create(m[0], m[1], m[2]))).ToList();
            var owner = run.Silos.FirstOrDefault(s => s.SiloId == misdirected.Owner && !run.HasFailed(s.SiloId));

            // Views disagree: the named owner serves them anyway (force), as tile calls do after a redirect.
            followUps.Add(owner is not null && !force
                ? SendAsync(run, owner, style, scale, list, force: true, cancellationToken)
                : RerouteAsync(run, silo, style, scale, list, cancellationToken));
        }

        await Task.WhenAll(followUps);
    }

    /// <summary>Sends a failed silo's share to the next owner of each metatile, excluding silos that failed.</summary>
    private Task RerouteAsync(Delivery run, SiloInfo failed, string style, int scale, IReadOnlyList<MetatileCoord> metatiles, CancellationToken cancellationToken)
    {
        run.Fail(failed.SiloId);
        var groups = new Dictionary<SiloInfo, List<MetatileCoord>>();
        foreach (var metatile in metatiles)
        {
            var next = RendezvousPlacement.Ranked(new MetatileKey(style, scale, metatile), run.Silos).FirstOrDefault(s => !run.HasFailed(s.SiloId))
                ?? throw new ClusterUnavailableException($"no reachable silo left for {style}@{scale}x/{metatile}; last failure at {failed.SiloId}");
            (groups.TryGetValue(next, out var list) ? list : groups[next] = []).Add(metatile);
        }

        return Task.WhenAll(groups.Select(g => SendAsync(run, g.Key, style, scale, g.Value, force: true, cancellationToken)));
    }

    private async Task<RefreshWaitResponse> WaitAsync(SiloInfo silo, string style, int scale, MetatileCoord[] metatiles, TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(waitTimeout + options.Value.CallTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Endpoint, GrainProtocol.ExpireWaitPath(style, scale, waitTimeout)))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(GrainProtocol.EncodeMetatiles(metatiles)),
            };
            using var reply = await http.SendAsync(request, timeout.Token);
            reply.EnsureSuccessStatusCode();
            return await reply.Content.ReadFromJsonAsync<RefreshWaitResponse>(timeout.Token) ?? new RefreshWaitResponse(0, metatiles.Length, 0);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The silo went away mid-render: its dirty marks stay on disk, so nothing is lost, but these did not finish.
            LogWaitFailed(silo.SiloId, metatiles.Length, e.Message);
            return new RefreshWaitResponse(0, metatiles.Length, 0);
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Expiry batch of {Count} metatiles to {SiloId} failed ({Reason}); re-routing to the next owners")]
    private partial void LogBatchFailed(string siloId, int count, string reason);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Waiting for {Count} re-renders on {SiloId} failed ({Reason})")]
    private partial void LogWaitFailed(string siloId, int count, string reason);

    /// <summary>The shared state of one delivery.</summary>
    private sealed class Delivery(SiloInfo[] silos, int concurrency)
    {
        private readonly Lock _lock = new();
        private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

        public int Batches;

        public SiloInfo[] Silos { get; } = silos;

        public SemaphoreSlim Gate { get; } = new(concurrency);

        public long Dirtied { get; private set; }

        public long NotStored { get; private set; }

        public HashSet<string> SilosUsed { get; } = new(StringComparer.Ordinal);

        public Dictionary<(SiloInfo Silo, string Style, int Scale), List<MetatileCoord>> Refreshing { get; } = [];

        public bool HasFailed(string siloId)
        {
            lock (_lock)
            {
                return _failed.Contains(siloId);
            }
        }

        public void Fail(string siloId)
        {
            lock (_lock)
            {
                _failed.Add(siloId);
            }
        }

        public void Record(SiloInfo silo, string style, int scale, ExpireBatchResponse response)
        {
            lock (_lock)
            {
                Dirtied += response.Dirtied;
                NotStored += response.NotStored;
                SilosUsed.Add(silo.SiloId);
                if (response.Refreshing.Length == 0)
                {
                    return;
                }

                if (!Refreshing.TryGetValue((silo, style, scale), out var list))
                {
                    Refreshing[(silo, style, scale)] = list = [];
                }

                list.AddRange(response.Refreshing.Select(m => MetatileCoord.Containing(TileCoord.Create(m[0], m[1], m[2]))));
            }
        }
    }
}
