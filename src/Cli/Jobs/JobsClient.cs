using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TileCluster.Cli.Http;

namespace TileCluster.Cli.Jobs;

/// <summary>
/// The gateway's jobs API (<c>POST /jobs</c>, <c>GET /jobs</c>, <c>GET /jobs/{id}/status.json</c>,
/// <c>DELETE /jobs/{id}</c>). Every answer is a document (parsed, and its JSON text as received) or
/// an error; only cancellation throws.
/// </summary>
internal sealed class JobsClient(GatewayHttp http)
{
    /// <summary>How long one jobs request may take (they answer at once; the work runs in the cluster).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The gateway the client talks to.</summary>
    public GatewayHttp Http => http;

    /// <summary><c>POST /jobs</c>: 202 with the new job's status.</summary>
    public async Task<(JobStatus? Job, string? Json, GatewayError? Error)> SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, http.Url("/jobs"))
        {
            Content = new StringContent(spec.ToJson(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        return await ReadAsync<JobStatus>(request, cancellationToken);
    }

    /// <summary><c>GET /jobs?limit=N</c>: newest first.</summary>
    public async Task<(JobList? List, string? Json, GatewayError? Error)> ListAsync(int limit, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, http.Url(string.Create(CultureInfo.InvariantCulture, $"/jobs?limit={limit}")));
        return await ReadAsync<JobList>(request, cancellationToken);
    }

    /// <summary><c>GET /jobs/{id}/status.json</c> (never cached).</summary>
    public async Task<(JobStatus? Job, string? Json, GatewayError? Error)> StatusAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, http.Url($"/jobs/{JobId.Check(id)}/status.json"));
        return await ReadAsync<JobStatus>(request, cancellationToken);
    }

    /// <summary>
    /// <c>DELETE /jobs/{id}</c>: the job's status, and whether this request cancelled it (202) rather
    /// than finding it already ended (200).
    /// </summary>
    public async Task<(JobStatus? Job, bool Cancelled, GatewayError? Error)> CancelAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, http.Url($"/jobs/{JobId.Check(id)}"));
        var (job, _, error, status) = await SendAsync<JobStatus>(request, cancellationToken);
        return (job, status == HttpStatusCode.Accepted, error);
    }

    private async Task<(T? Value, string? Json, GatewayError? Error)> ReadAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        var (value, json, error, _) = await SendAsync<T>(request, cancellationToken);
        return (value, json, error);
    }

    private async Task<(T? Value, string? Json, GatewayError? Error, HttpStatusCode? Status)> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        var (response, error) = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (error is not null)
        {
            return (null, null, error with { Message = $"{request.Method} {request.RequestUri}: {error.Message}" }, null);
        }

        using (response)
        {
            var (value, json, readError) = await GatewayHttp.ReadJsonAsync<T>(response!, JobStatus.Json, cancellationToken);
            return (value, json, readError, response!.StatusCode);
        }
    }
}
