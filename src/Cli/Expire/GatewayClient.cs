using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net;
using System.Text.Json;
using System.Text;
using TileCluster.Grains.Abstractions.Expiry;

using TileCluster.Cli.Http;

namespace TileCluster.Cli.Expire;

/// <summary>Query parameters of <c>POST /admin/expire</c>.</summary>
/// <param name="Styles">style= (each); empty for every configured style.</param>
/// <param name="MinZoom">minZoom=, or the gateway's default.</param>
/// <param name="MaxZoom">maxZoom=, or the gateway's default.</param>
/// <param name="WaitHot">wait=hot: answer after the hot zooms are re-rendered.</param>
public sealed record ExpireQuery(IReadOnlyList<string> Styles, int? MinZoom, int? MaxZoom, bool WaitHot)
{
    /// <summary>With <see cref="WaitHot"/>: how long the gateway may wait for hot re-renders (sent as <c>timeout=</c>, so the gateway's own default does not decide).</summary>
    public static readonly TimeSpan HotWaitTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long one post may take: delivery alone is well under a minute; with <see cref="WaitHot"/>, the hot wait and a margin.</summary>
    public TimeSpan RequestTimeout => WaitHot ? HotWaitTimeout + TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(2);
}

/// <summary>How a post ended.</summary>
public enum ExpireOutcome
{
    /// <summary>200: applied.</summary>
    Delivered,

    /// <summary>400: the list or a parameter was refused; nothing applied. Not worth retrying.</summary>
    BadRequest,

    /// <summary>401: the token is missing or wrong.</summary>
    Unauthorized,

    /// <summary>413: the body or its expansion is over the gateway's limit.</summary>
    TooLarge,

    /// <summary>Another 4xx: refused; retrying the same request will not help.</summary>
    Refused,

    /// <summary>No answer, a timeout or a 5xx (503: no active silos): nothing is guaranteed applied; retry the whole chunk.</summary>
    Unavailable,
}

/// <summary>The result of one post.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="StatusCode">The HTTP status, or null when there was no answer.</param>
/// <param name="Response">The 200 body.</param>
/// <param name="Problem">The problem body of an error answer, when it had one.</param>
/// <param name="Message">One line for a person: the status and the gateway's detail, or the network error.</param>
/// <param name="RetryAfter">The Retry-After of a 503, if any.</param>
/// <param name="SentAt">When the request was sent.</param>
public sealed record ExpirePostResult(
    ExpireOutcome Outcome, int? StatusCode, ExpireResponse? Response, ExpireProblem? Problem, string Message, TimeSpan? RetryAfter, DateTimeOffset SentAt);

/// <summary>Posts expire lists to a gateway's <c>/admin/expire</c>.</summary>
public sealed class GatewayClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string? _token;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for <paramref name="gateway"/> (its base URL).</summary>
    public GatewayClient(Uri gateway, string? token, TimeSpan requestTimeout, TimeProvider? time = null)
    {
        _endpoint = new Uri(gateway.AbsoluteUri.TrimEnd('/') + "/admin/expire");
        _token = string.IsNullOrEmpty(token) ? null : token;
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = requestTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tilecluster-cli", "1.0"));
    }

    /// <summary>The endpoint posted to.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Whether a token is sent.</summary>
    public bool HasToken => _token is not null;

    /// <summary>The request URI for <paramref name="query"/>.</summary>
    public Uri RequestUri(ExpireQuery query)
    {
        var parameters = new List<string>();
        parameters.AddRange(query.Styles.Select(s => "style=" + Uri.EscapeDataString(s)));
        if (query.MinZoom is { } min)
        {
            parameters.Add(string.Create(CultureInfo.InvariantCulture, $"minZoom={min}"));
        }

        if (query.MaxZoom is { } max)
        {
            parameters.Add(string.Create(CultureInfo.InvariantCulture, $"maxZoom={max}"));
        }

        if (query.WaitHot)
        {
            parameters.Add("wait=hot");
            parameters.Add(string.Create(CultureInfo.InvariantCulture, $"timeout={ExpireQuery.HotWaitTimeout.TotalSeconds:0}"));
        }

        return parameters.Count == 0 ? _endpoint : new Uri(_endpoint + "?" + string.Join('&', parameters));
    }

    /// <summary>Posts one list (or chunk). Network failures are results, not exceptions; only <paramref name="cancellationToken"/> throws.</summary>
    public async Task<ExpirePostResult> PostAsync(ReadOnlyMemory<byte> body, ExpireQuery query, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri(query))
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        var sentAt = _time.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return new ExpirePostResult(ExpireOutcome.Unavailable, null, null, null, $"cannot reach the gateway at {_endpoint.GetLeftPart(UriPartial.Authority)}: {Describe(e)}", null, sentAt);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ExpirePostResult(ExpireOutcome.Unavailable, null, null, null, $"the gateway at {_endpoint.GetLeftPart(UriPartial.Authority)} did not answer within {_http.Timeout.TotalSeconds:0} s", null, sentAt);
        }

        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException e)
            {
                return new ExpirePostResult(ExpireOutcome.Unavailable, (int)response.StatusCode, null, null, $"the answer from the gateway broke off: {Describe(e)}", null, sentAt);
            }

            int status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var parsed = TryDeserialize<ExpireResponse>(text);
                return parsed is null
                    ? new ExpirePostResult(ExpireOutcome.Unavailable, status, null, null, $"the gateway answered 200 but not with the expire summary: '{Shorten(text)}'", null, sentAt)
                    : new ExpirePostResult(ExpireOutcome.Delivered, status, parsed, null, "200 OK", null, sentAt);
            }

            var problem = TryDeserialize<ExpireProblem>(text);
            string message = DescribeStatus(response, problem, text);
            var outcome = status switch
            {
                400 => ExpireOutcome.BadRequest,
                401 => ExpireOutcome.Unauthorized,
                413 => ExpireOutcome.TooLarge,
                408 or 429 or >= 500 => ExpireOutcome.Unavailable,
                _ => ExpireOutcome.Refused,
            };
            var retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - _time.GetUtcNow(),
                _ => (TimeSpan?)null,
            };
            return new ExpirePostResult(outcome, status, null, problem, message, retryAfter, sentAt);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private static T? TryDeserialize<T>(string text)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string DescribeStatus(HttpResponseMessage response, ExpireProblem? problem, string text) =>
        GatewayMessages.Status(response, problem is not null, problem?.Title, problem?.Detail, text);

    private static string Describe(HttpRequestException e) => GatewayMessages.Describe(e);

    private static string Shorten(string text) => GatewayMessages.Shorten(text);
}
