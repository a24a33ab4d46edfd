using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TileCluster.Gateway.Tests.Cluster;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Jobs;

/// <summary>The fault test: kill -9 of every silo and the gateway in the middle of a job, then start them again.</summary>
[Collection(FailoverCollection.Name)]
public sealed class JobRestartTests
{
    private const string Token = "jobs-restart-token";
    private const string Spec = """{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"16-17","kind":"export","outputs":["xyz"]}""";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RejoinTimeout = TimeSpan.FromMinutes(5);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillEveryProcess_MidJob_ResumesWithoutRedoingStoredMetatiles_SameTreeAsAnIndependentRun()
    {
        string jobsRoot = Directory.CreateTempSubdirectory("tilecluster-jobs-").FullName;
        string independentRoot = Directory.CreateTempSubdirectory("tilecluster-jobs-").FullName;
        try
        {
            string id;
            int total;
            await using (var cluster = await StartAsync(2, jobsRoot))
            {
                id = await SubmitAsync(cluster);
                var before = await WaitAsync(cluster, id, s => Tiles(s).Done >= 20);
                total = Tiles(before).Total;

                cluster.Gateway.Kill();
                foreach (var silo in cluster.Silos)
                {
                    silo.Kill();
                }

                foreach (var silo in cluster.Silos)
                {
                    await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));
                }

                // Every metatile stored before the kill is found fresh and reused; only the others are rendered.
                int stored = Directory.EnumerateFiles(cluster.StoreRoot, "*.meta", SearchOption.AllDirectories).Count();
                Assert.InRange(stored, Tiles(before).Done, total - 1);

                // With every silo dead nobody votes the old entries out: joining silos wait until those
                // have missed three "I am alive" renewals (Cluster:IAmAlivePeriod) before they start.
                await Task.WhenAll(Enumerable.Range(0, cluster.Silos.Count).Select(i => cluster.RestartSiloAsync(i, RejoinTimeout)));

                await cluster.RestartGatewayAsync();
                var resumed = await WaitAsync(cluster, id, s => s.GetProperty("state").GetString() is "done" or "failed" or "cancelled");

                Assert.Equal("done", resumed.GetProperty("state").GetString());
                Assert.Equal((total, total), Tiles(resumed));
                Assert.Equal(total - stored, await cluster.RendersAsync());
            }

            // An uninterrupted run of the same spec on another cluster, with an empty store of its own,
            // renders every metatile and writes the same tree, byte for byte.
            await using var independent = await StartAsync(1, independentRoot);
            string again = await SubmitAsync(independent);
            var uninterrupted = await WaitAsync(independent, again, s => s.GetProperty("state").GetString() is "done" or "failed");
            Assert.Equal("done", uninterrupted.GetProperty("state").GetString());
            Assert.Equal(total, await independent.RendersAsync());
            Assert.Equal(Tree(independentRoot, again), Tree(jobsRoot, id));
        }
        finally
        {
            Directory.Delete(jobsRoot, recursive: true);
            Directory.Delete(independentRoot, recursive: true);
        }
    }

    private static Task<TestCluster> StartAsync(int silos, string jobsRoot) => TestCluster.StartAsync(silos, new Dictionary<string, string>
    {
        ["TILECLUSTER_Admin__Token"] = Token,
        ["TILECLUSTER_Jobs__Root"] = jobsRoot,
    });

    private static (int Done, int Total) Tiles(JsonElement status)
    {
        var tiles = status.GetProperty("progress")[0];
        return (tiles.GetProperty("done").GetInt32(), tiles.GetProperty("total").GetInt32());
    }

    private static List<(string Path, string Hash)> Tree(string jobsRoot, string id)
    {
        string tree = Path.Combine(jobsRoot, id, "tiles");
        return [.. Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories)
            .Select(p => (Path.GetRelativePath(tree, p), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p)))))
            .Order()];
    }

    private static async Task<string> SubmitAsync(TestCluster cluster)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/jobs", UriKind.Relative)) { Content = new StringContent(Spec, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await cluster.Client.SendAsync(request, Cancel);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> WaitAsync(TestCluster cluster, string id, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = JsonDocument.Parse(await cluster.Client.GetStringAsync(new Uri($"/jobs/{id}/status.json", UriKind.Relative), Cancel)).RootElement;
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"job {id}: {status}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Cancel);
        }
    }
}
