using System.Collections.Concurrent;
using System.Net;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>
/// A small real HTTP server on loopback playing a proxy layer's upstream. The first path segment
/// picks its behaviour: <c>ok</c> serves a PNG, <c>lag</c> serves it once the test calls
/// <see cref="ReleaseLag"/>, <c>error</c>
/// answers 500, <c>html</c> answers 200 with an HTML page, <c>slow</c> answers after 30 s,
/// <c>missing</c> answers 404. It counts requests per path and records the User-Agents seen.
/// </summary>
internal sealed class LocalTileServer : IAsyncDisposable
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _lagRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    private LocalTileServer(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>User-Agent headers of the requests so far.</summary>
    public ConcurrentBag<string> UserAgents { get; } = [];

    public static LocalTileServer Start() => new(Loopback.FreePort());

    /// <summary>The URL template of a behaviour, such as <c>http://127.0.0.1:port/ok/{Z}/{X}/{Y}.png</c>.</summary>
    public string Template(string behaviour, string variables = "{Z}/{X}/{Y}") => $"http://127.0.0.1:{Port}/{behaviour}/{variables}.png";

    /// <summary>Lets the held <c>lag</c> answers go.</summary>
    public void ReleaseLag() => _lagRelease.TrySetResult();

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int Hits(string path) => _hits.GetValueOrDefault(path);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        string path = context.Request.Url!.AbsolutePath;
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        UserAgents.Add(context.Request.UserAgent ?? string.Empty);
        var response = context.Response;
        try
        {
            switch (path.Split('/')[1])
            {
                case "ok":
                    await WriteAsync(response, 200, "image/png", Png);
                    break;
                case "lag":
                    await _lagRelease.Task.WaitAsync(TimeSpan.FromSeconds(30), _stop.Token);
                    await WriteAsync(response, 200, "image/png", Png);
                    break;
                case "html":
                    await WriteAsync(response, 200, "text/html", "<html><body>Please log in</body></html>"u8.ToArray());
                    break;
                case "slow":
                    await Task.Delay(TimeSpan.FromSeconds(30), _stop.Token);
                    await WriteAsync(response, 200, "image/png", Png);
                    break;
                case "missing":
                    await WriteAsync(response, 404, "text/plain", "no such tile"u8.ToArray());
                    break;
                default:
                    await WriteAsync(response, 500, "text/plain", "upstream broke"u8.ToArray());
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or HttpListenerException or ObjectDisposedException)
        {
            // The server is stopping, or the proxy gave up on a slow answer.
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}
