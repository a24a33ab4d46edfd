using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.PassThrough;

/// <summary>
/// Fetches the tiles of <c>proxy</c> layers from their upstream's URL template: each attempt
/// within the layer's <c>Timeout</c>, failed or timed-out attempts (and 5xx answers) tried again
/// up to <c>Retries</c> times (Polly), with TileCluster's own User-Agent. A body is a tile only
/// if it looks like one of the layer's format.
/// </summary>
internal sealed partial class ProxyTileSource : IDisposable
{
    private readonly IOptions<LayersOptions> _layers;
    private readonly ILogger<ProxyTileSource> _logger;
    private readonly HttpClient _client;
    private readonly Dictionary<string, ResiliencePipeline<Fetched>> _pipelines = new(StringComparer.Ordinal);

    public ProxyTileSource(IOptions<LayersOptions> layers, TimeProvider time, ILogger<ProxyTileSource> logger)
    {
        _layers = layers;
        _logger = logger;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            // Each attempt has the layer's own timeout (below); the client's would cut across retries.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        foreach (var (name, layer) in layers.Value.Layers)
        {
            if (layer.Provider.Kind == LayerProviderOptions.ProxyKind)
            {
                _pipelines.Add(name, Pipeline(layer.Provider, time));
            }
        }
    }

    /// <summary>The User-Agent sent to upstreams: <c>TileCluster/{version}</c>, with the layer's contact when it has one.</summary>
    public static string UserAgent(string? contact)
    {
        string version = typeof(ProxyTileSource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";
        return contact is { Length: > 0 } ? $"TileCluster/{version} (+{contact})" : $"TileCluster/{version}";
    }

    public async ValueTask<SourceTile> FetchAsync(string layer, TileCoord tile, CancellationToken cancellationToken)
    {
        var provider = _layers.Value.Layers[layer].Provider;
        var url = ProxyUrlTemplate.Expand(provider.Url!, tile);
        string userAgent = UserAgent(provider.Contact);
        Fetched fetched;
        try
        {
            fetched = await _pipelines[layer].ExecuteAsync(token => GetAsync(url, userAgent, token), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            LogUpstreamFailed(layer, url, "timed out");
            return SourceTile.Failed(TileStatus.UpstreamTimedOut, $"the upstream of layer '{layer}' ({url.Authority}) did not answer tile {tile} within {provider.Timeout.TotalSeconds:0.###} s on {provider.Retries + 1} attempts");
        }
        catch (HttpRequestException e)
        {
            LogUpstreamFailed(layer, url, e.Message);
            return SourceTile.Failed(TileStatus.UpstreamFailed, $"the upstream of layer '{layer}' ({url.Authority}) could not be reached for tile {tile}: {e.Message}");
        }

        if (fetched.Status == HttpStatusCode.NotFound)
        {
            return SourceTile.Failed(TileStatus.NotFound, $"the upstream of layer '{layer}' has no tile {tile} (it answered 404)");
        }

        if (fetched.Status != HttpStatusCode.OK)
        {
            LogUpstreamFailed(layer, url, $"status {(int)fetched.Status}");
            return SourceTile.Failed(TileStatus.UpstreamFailed, $"the upstream of layer '{layer}' ({url.Authority}) answered {(int)fetched.Status} for tile {tile}");
        }

        string format = provider.PassThroughFormat;
        byte[] bytes;
        try
        {
            bytes = TileContent.Plain(format, fetched.Body);
        }
        catch (InvalidDataException)
        {
            bytes = [];
        }

        if (!TileContent.Matches(format, bytes, fetched.ContentType))
        {
            LogUpstreamFailed(layer, url, $"not a {format} tile ({fetched.ContentType}, {fetched.Body.Length} bytes)");
            return SourceTile.Failed(TileStatus.UpstreamFailed, $"the upstream of layer '{layer}' ({url.Authority}) answered tile {tile} with {fetched.ContentType ?? "no content type"}, {fetched.Body.Length} bytes that are not a {format} tile");
        }

        return SourceTile.Ok(bytes);
    }

    private async ValueTask<Fetched> GetAsync(Uri url, string userAgent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(userAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        byte[] body = response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : [];
        return new Fetched(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    private static ResiliencePipeline<Fetched> Pipeline(LayerProviderOptions provider, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<Fetched> { TimeProvider = time };
        if (provider.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Fetched>
            {
                ShouldHandle = new PredicateBuilder<Fetched>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(f => (int)f.Status >= 500),
                MaxRetryAttempts = provider.Retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                UseJitter = true,
            });
        }

        // Inside the retry: the timeout is per attempt.
        return builder.AddTimeout(provider.Timeout).Build();
    }

    public void Dispose() => _client.Dispose();

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Upstream of proxy layer {Layer} failed for {Url}: {Reason}")]
    private partial void LogUpstreamFailed(string layer, Uri url, string reason);

    /// <summary>One attempt's answer: the status, the body of a success, and its media type.</summary>
    private sealed record Fetched(HttpStatusCode Status, byte[] Body, string? ContentType);
}
