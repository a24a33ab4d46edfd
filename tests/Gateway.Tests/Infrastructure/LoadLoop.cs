using System.Diagnostics;
using System.Net;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>
/// Bounded background load for failover tests: a few workers cycle through tile paths until
/// stopped, recording every outcome with its time. Each request has its own timeout, so a hang
/// shows up as a failure rather than a stuck test. Stopping lets requests in flight finish (or
/// time out), so a hang at the end of a test is counted, not dropped.
/// </summary>
internal sealed class LoadLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Sample> _samples = [];
    private volatile bool _stopping;

    public LoadLoop(Uri baseAddress, IReadOnlyList<string> paths, int workers = 4, TimeSpan? requestTimeout = null)
    {
        // Longer than the gateway's own budget (Http:RequestTimeout, 30 s): a failure is the server's answer.
        var timeout = requestTimeout ?? TimeSpan.FromSeconds(35);
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => RunAsync(baseAddress, paths, w, timeout))).ToArray();
    }

    /// <summary>Seconds since the load started.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Issues no new requests and waits for those in flight, each within its timeout.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        await Task.WhenAll(_workers);
    }

    private async Task RunAsync(Uri baseAddress, IReadOnlyList<string> paths, int worker, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        for (int i = worker; !_stopping; i += 7)
        {
            double started = Now;
            HttpStatusCode? status = null;
            string? error = null;
            try
            {
                using var response = await client.GetAsync(new Uri(paths[i % paths.Count], UriKind.Relative), _stop.Token);
                await response.Content.ReadAsByteArrayAsync(_stop.Token);
                status = response.StatusCode;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                error = e.GetType().Name + ": " + e.Message;
            }

            lock (_samples)
            {
                _samples.Add(new Sample(started, Now - started, status, error));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A test that failed early does not wait out the requests in flight.
        _stopping = true;
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);

        _stop.Dispose();
    }

    /// <summary>One request: when it started (s), how long it took (s), its status or error.</summary>
    public sealed record Sample(double Started, double Seconds, HttpStatusCode? Status, string? Error)
    {
        public bool Ok => Status == HttpStatusCode.OK;
    }
}
