using System.Net;

namespace TileCluster.Rendering.Url;

/// <summary>
/// Fetches the images of <c>url</c> layers for the render threads: one HTTP connection pool for the
/// process, its own User-Agent, a timeout per attempt and retries of failures that may pass
/// (connection errors, timeouts, 5xx and 429). Synchronous, because it runs on a render thread
/// that owns the metatile until it is stored.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    /// <summary>The User-Agent sent upstream.</summary>
    public const string UserAgent = "TileCluster/1.0 (url layer)";

    private readonly HttpClient _http;

    public UpstreamClient()
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            // Each attempt has its own deadline (the layer's Timeout).
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>
    /// The body of a successful GET of <paramref name="url"/>, trying up to 1 + <paramref name="retries"/>
    /// times with <paramref name="timeout"/> each. Throws <see cref="UpstreamException"/> when every
    /// attempt failed, or at once for an answer that retrying cannot change (a 4xx other than 429).
    /// </summary>
    public byte[] Fetch(string url, TimeSpan timeout, int retries, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            bool last = attempt >= retries;
            try
            {
                return FetchOnce(url, timeout, cancellationToken);
            }
            catch (UpstreamException e) when (!last && IsWorthRetrying(e))
            {
                // A short, growing pause; a cancelled render stops waiting at once.
                if (cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200 * (attempt + 1))))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static bool IsWorthRetrying(UpstreamException e) => e.StatusCode is not { } status || status >= 500 || status == 429;

    private byte[] FetchOnce(string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = _http.Send(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new UpstreamException(url, $"answered {(int)response.StatusCode} {response.ReasonPhrase}", timedOut: false, statusCode: (int)response.StatusCode);
            }

            using var body = response.Content.ReadAsStream(deadline.Token);
            using var bytes = new MemoryStream();
            body.CopyTo(bytes);
            return bytes.ToArray();
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamException(url, $"gave no answer within {timeout.TotalSeconds:0.###} s", timedOut: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new UpstreamException(url, $"failed: {e.Message}", timedOut: false, e);
        }
        catch (IOException e)
        {
            throw new UpstreamException(url, $"failed: {e.Message}", timedOut: false, e);
        }
    }
}
