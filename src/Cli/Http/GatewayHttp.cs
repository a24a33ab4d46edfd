using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TileCluster.Cli.Http;

/// <summary>
/// HTTP to one gateway for the export and job commands: the bearer token on every request when
/// one is given, and every failure (no answer, a timeout, an error status) turned into a
/// <see cref="GatewayError"/> that says what the gateway said. Only cancellation throws.
/// </summary>
internal sealed class GatewayHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly string? _token;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for the gateway at <paramref name="gateway"/> (its base URL).</summary>
    public GatewayHttp(Uri gateway, string? token, TimeSpan requestTimeout, TimeProvider? time = null)
    {
        Gateway = new Uri(gateway.AbsoluteUri.TrimEnd('/') + "/");
        _token = string.IsNullOrEmpty(token) ? null : token;
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = requestTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tilecluster-cli", "1.0"));
    }

    /// <summary>The gateway's base URL, ending in a slash.</summary>
    public Uri Gateway { get; }

    /// <summary>Whether a token is sent.</summary>
    public bool HasToken => _token is not null;

    /// <summary>An absolute URL on the gateway for <paramref name="pathAndQuery"/> (with or without its leading slash).</summary>
    public Uri Url(string pathAndQuery) => new(Gateway, pathAndQuery.TrimStart('/'));

    /// <summary>
    /// Sends <paramref name="request"/>. A success status returns the response (the caller disposes
    /// it); anything else returns the error, its body read and the response disposed.
    /// </summary>
    public async Task<(HttpResponseMessage? Response, GatewayError? Error)> SendAsync(
        HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return (null, new GatewayError(null, $"cannot reach the gateway at {Authority}: {Describe(e)}", null));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new GatewayError(null, string.Create(CultureInfo.InvariantCulture, $"the gateway at {Authority} did not answer within {_http.Timeout.TotalSeconds:0} s"), null));
        }

        if (response.IsSuccessStatusCode)
        {
            return (response, null);
        }

        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException e)
            {
                body = $"(the answer broke off: {Describe(e)})";
            }

            var retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - _time.GetUtcNow(),
                _ => (TimeSpan?)null,
            };
            return (null, new GatewayError((int)response.StatusCode, Describe(response, body), retryAfter));
        }
    }

    /// <summary>Reads a success response's JSON body as <typeparamref name="T"/>, with its text; a body that is not one is an error naming it.</summary>
    public static async Task<(T? Value, string? Json, GatewayError? Error)> ReadJsonAsync<T>(HttpResponseMessage response, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return (null, null, new GatewayError(null, $"the answer from the gateway broke off: {Describe(e)}", null));
        }

        try
        {
            if (JsonSerializer.Deserialize<T>(text, options) is { } value)
            {
                return (value, text, null);
            }
        }
        catch (JsonException)
        {
            // Reported below, with what was received.
        }

        return (null, null, new GatewayError((int)response.StatusCode, $"the gateway answered {(int)response.StatusCode} with something that is not the expected JSON: '{Shorten(text)}'", null));
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private string Authority => Gateway.GetLeftPart(UriPartial.Authority);

    private static string Describe(HttpResponseMessage response, string body)
    {
        ProblemDocument? problem = null;
        try
        {
            problem = body.Length > 0 ? JsonSerializer.Deserialize<ProblemDocument>(body) : null;
        }
        catch (JsonException)
        {
            // Not a problem document: the body is shown as it is.
        }

        return GatewayMessages.Status(response, problem is not null, problem?.Title, problem?.Detail, body);
    }

    private static string Describe(HttpRequestException e) => GatewayMessages.Describe(e);

    private static string Shorten(string text) => GatewayMessages.Shorten(text);
}
