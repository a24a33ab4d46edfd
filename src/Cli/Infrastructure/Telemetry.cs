using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace TileCluster.Cli.Infrastructure;

/// <summary>
/// OTLP metric export for the console commands, the way <c>TileCluster.ServiceDefaults</c> does it
/// for the servers but without a host: a <see cref="MeterProvider"/> built by hand, only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, flushed when disposed.
/// </summary>
public static class Telemetry
{
    /// <summary>Starts exporting <paramref name="meters"/>, or returns null when no OTLP endpoint is configured.</summary>
    public static MeterProvider? StartMetrics(string serviceName, params string[] meters)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}");
        int intervalMs = int.TryParse(Environment.GetEnvironmentVariable("OTEL_METRIC_EXPORT_INTERVAL"), out int ms) && ms > 0 ? ms : 60_000;
        return Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(meters)
            .AddOtlpExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = intervalMs)
            .Build();
    }

    /// <summary>Exports what is pending and shuts the provider down.</summary>
    public static void Stop(MeterProvider? provider)
    {
        if (provider is null)
        {
            return;
        }

        provider.ForceFlush(5000);
        provider.Dispose();
    }
}
