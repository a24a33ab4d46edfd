using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TileCluster.ServiceDefaults;

/// <summary>
/// OpenTelemetry for every TileCluster process: traces (HTTP server and client, Orleans grain
/// calls, renders, SQL) and metrics, exported over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set and not at all otherwise. The status pages
/// show the same figures without any of this.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Our activity sources, and Orleans' own (grain calls as spans).</summary>
    public static readonly string[] Sources = ["TileCluster.Grains", "TileCluster.Rendering", "TileCluster.Gateway", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Our meters, and Orleans'.</summary>
    public static readonly string[] Meters = ["TileCluster.Grains", "TileCluster.Gateway", "TileCluster.Cache", "TileCluster.Store", "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>Adds OTLP export of traces and metrics when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static IServiceCollection AddTileClusterTelemetry(this IServiceCollection services, string serviceName)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(Sources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Meters))

            // Reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and OTEL_METRIC_EXPORT_INTERVAL itself.
            .UseOtlpExporter();
        return services;
    }
}
