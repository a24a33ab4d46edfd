using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Jobs;

/// <summary>A cluster for job tests: 2 silos and a gateway with an admin token and a job folder of their own.</summary>
public sealed class JobsFixture : IAsyncLifetime
{
    public const string Token = "jobs-test-token";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private TestCluster? _cluster;

    public string JobsRoot { get; } = Directory.CreateTempSubdirectory("tilecluster-jobs-").FullName;

    internal TestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => _cluster = await TestCluster.StartAsync(2, new Dictionary<string, string>
    {
        ["TILECLUSTER_Admin__Token"] = Token,
        ["TILECLUSTER_Jobs__Root"] = JobsRoot,
        ["TILECLUSTER_Jobs__Concurrency"] = "4",
    });

    /// <summary>POSTs a job spec, with the admin token unless told otherwise.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string json, string? token = Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/jobs", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Submits a job that must be accepted; returns its first status document.</summary>
    public async Task<JsonElement> SubmitAcceptedAsync(string json)
    {
        using var response = await SubmitAsync(json);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        var status = JsonDocument.Parse(body).RootElement;
        Assert.Equal($"/jobs/{status.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return status;
    }

    public async Task<HttpResponseMessage> DeleteAsync(string id, string? token = Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/jobs/{id}", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> StatusAsync(string id) =>
        JsonDocument.Parse(await Client.GetStringAsync(new Uri($"/jobs/{id}/status.json", UriKind.Relative), TestContext.Current.CancellationToken)).RootElement;

    /// <summary>Polls status.json until the job is finished; returns every state seen, in order, and the last document.</summary>
    public async Task<(List<string> States, JsonElement Status)> WaitFinishedAsync(string id, Func<JsonElement, bool>? until = null)
    {
        var states = new List<string>();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = await StatusAsync(id);
            string state = status.GetProperty("state").GetString()!;
            if (states.Count == 0 || states[^1] != state)
            {
                states.Add(state);
            }

            if (until?.Invoke(status) ?? state is "done" or "failed" or "cancelled")
            {
                return (states, status);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"job {id} still {state} after {Patience}: {status}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Directory.Delete(JobsRoot, recursive: true);
    }
}
