using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TileCluster.ServiceDefaults;

/// <summary>
/// OpenTelemetry for every TileCluster process: traces (HTTP server and client, grain calls,
/// renders, SQL) and metrics, exported over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set and not at all otherwise. The status pages
/// show the same figures without any of this.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Activity sources whose spans are exported.</summary>
    public static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "TileCluster.Grains", "TileCluster.Runtime"];

    /// <summary>Meters whose instruments are exported.</summary>
    public static readonly string[] Meters = ["TileCluster.Grains", "TileCluster.Runtime", "TileCluster.Gateway", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql"];

    /// <summary>Adds OTLP export of traces and metrics when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static IServiceCollection AddTileClusterTelemetry(this IServiceCollection services, string serviceName)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return services;
        }

        // OpenTelemetry.Extensions.Hosting does not restore here, so the providers are built by
        // hand and owned by a hosted service that flushes them on shutdown.
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}");
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Sources).AddOtlpExporter().Build());
        int intervalMs = int.TryParse(Environment.GetEnvironmentVariable("OTEL_METRIC_EXPORT_INTERVAL"), out int ms) && ms > 0 ? ms : 60_000;
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Meters)
            .AddOtlpExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = intervalMs)
            .Build());
        services.AddHostedService<TelemetryLifetime>();
        return services;
    }

    private sealed class TelemetryLifetime(TracerProvider tracing, MeterProvider metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracing.ForceFlush(5000);
            metrics.ForceFlush(5000);
            tracing.Dispose();
            metrics.Dispose();
            return Task.CompletedTask;
        }
    }
}
