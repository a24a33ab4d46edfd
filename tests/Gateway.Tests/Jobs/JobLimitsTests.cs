using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TileCluster.Gateway.Tests.Jobs;

/// <summary>Retention and the disk quota of jobs (<c>Jobs:Retention</c>, <c>Jobs:QuotaBytes</c>).</summary>
public sealed class JobLimitsTests(JobLimitsFixture fixture) : IClassFixture<JobLimitsFixture>
{
    private const string Spec = """{"style":"osm","bbox":[9.515,47.135,9.530,47.145],"zoom":"14","kind":"export","outputs":["xyz"]}""";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_OutputsBeyondTheQuota_507NamingIt_ThenAcceptedOnceBelow()
    {
        string filler = Path.Combine(fixture.JobsRoot, "filler");
        Directory.CreateDirectory(filler);
        await File.WriteAllBytesAsync(Path.Combine(filler, "data"), new byte[2000], Cancel);
        try
        {
            using var refused = await SubmitAsync();
            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
            Assert.Contains("Jobs:QuotaBytes (1000)", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(filler, recursive: true);
        }

        using var accepted = await SubmitAsync();
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task FinishedJob_OlderThanRetention_RemovedWithItsOutputs()
    {
        using var response = await SubmitAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string id = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetString()!;
        string folder = Path.Combine(fixture.JobsRoot, id);

        var deadline = DateTime.UtcNow + Patience;
        HttpStatusCode status;
        while ((status = await StatusCodeAsync($"/jobs/{id}/status.json")) == HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {id} was never removed");
            await Task.Delay(TimeSpan.FromMilliseconds(200), Cancel);
        }

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.False(Directory.Exists(folder), $"{folder} is still there");
        Assert.Equal(HttpStatusCode.NotFound, await StatusCodeAsync($"/jobs/{id}/xyz/14/8625/5753.png"));
        using var list = JsonDocument.Parse(await fixture.Cluster.Client.GetStringAsync(new Uri("/jobs", UriKind.Relative), Cancel));
        Assert.DoesNotContain(id, list.RootElement.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
    }

    private async Task<HttpStatusCode> StatusCodeAsync(string path)
    {
        using var response = await fixture.Cluster.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> SubmitAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/jobs", UriKind.Relative)) { Content = new StringContent(Spec, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", JobsFixture.Token);
        return await fixture.Cluster.Client.SendAsync(request, Cancel);
    }
}
