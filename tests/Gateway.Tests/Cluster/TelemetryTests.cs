using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>OTLP export: one trace across gateway and silo, and the TileCluster metrics.</summary>
public sealed class TelemetryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OtlpEndpointSet_ExportsOneTraceAcrossProcesses_AndMetrics()
    {
        // A stand-in OTLP/HTTP collector: it keeps every protobuf body it is sent.
        var bodies = new List<(string Path, byte[] Body)>();
        int port = Loopback.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            lock (bodies)
            {
                bodies.Add((context.Request.Path, buffer.ToArray()));
            }

            return Results.Ok();
        });
        await collector.StartAsync(Cancel);

        await using var cluster = await TestCluster.StartAsync(silos: 1, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });

        byte[] traceId = Convert.FromHexString("4bf92f3577b34da6a3ce929d0e0e4736");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/osm/16/34504/23016.png");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        using var response = await cluster.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        bool Exported(string path, string service, params byte[][] needles)
        {
            lock (bodies)
            {
                return bodies.Any(b => b.Path == path && Contains(b.Body, Encoding.UTF8.GetBytes(service)) && needles.All(n => Contains(b.Body, n)));
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(Exported("/v1/traces", "tilecluster-gateway", traceId)
            && Exported("/v1/traces", "tilecluster-silo", traceId, "render metatile"u8.ToArray())
            && Exported("/v1/metrics", "tilecluster-silo", "tilecluster.render.duration"u8.ToArray())
            && Exported("/v1/metrics", "tilecluster-gateway", "tilecluster.tile.requests"u8.ToArray())))
        {
            await Task.Delay(250, Cancel);
        }

        Assert.True(Exported("/v1/traces", "tilecluster-gateway", traceId), "the gateway exported no span of the request's trace");
        Assert.True(Exported("/v1/traces", "tilecluster-silo", traceId, "render metatile"u8.ToArray()), "the silo's render span is not in the request's trace");
        Assert.True(Exported("/v1/traces", "tilecluster-silo", traceId, "Npgsql"u8.ToArray(), "postgresql"u8.ToArray()), "no Npgsql span in the trace");
        Assert.True(Exported("/v1/metrics", "tilecluster-silo", "tilecluster.render.duration"u8.ToArray()), "no render duration metric; metrics seen: " + MetricNames(bodies));
        Assert.True(Exported("/v1/metrics", "tilecluster-silo", "tilecluster.render.queue.depth"u8.ToArray()), "no queue depth metric");
        Assert.True(Exported("/v1/metrics", "tilecluster-silo", "tilecluster.activations"u8.ToArray()), "no activations metric; metrics seen: " + MetricNames(bodies));
        Assert.True(Exported("/v1/metrics", "tilecluster-gateway", "tilecluster.tile.requests"u8.ToArray()), "no request metric");
        Assert.True(Exported("/v1/metrics", "tilecluster-silo", "orleans-catalog-activations"u8.ToArray()), "no Orleans activations metric");
        Assert.True(Exported("/v1/metrics", "tilecluster-gateway", "orleans-client-connected-gateways"u8.ToArray()), "no Orleans client metric");
    }

    private static string MetricNames(List<(string Path, byte[] Body)> bodies)
    {
        lock (bodies)
        {
            return string.Join(", ", bodies.Where(b => b.Path == "/v1/metrics")
                .SelectMany(b => System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(b.Body), "tilecluster[a-z._-]+").Select(m => m.Value))
                .Distinct());
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
