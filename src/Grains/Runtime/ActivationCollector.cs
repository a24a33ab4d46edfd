using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime;

/// <summary>Periodically collects idle activations.</summary>
internal sealed partial class ActivationCollector(
    ActivationTable<MetatileKey, IMetatileGrain> activations,
    IOptions<GrainRuntimeOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<ActivationCollector> logger) : BackgroundService
{
    private readonly ObservableGauge<int> _activationsGauge = meters.Create("TileCluster.Runtime")
        .CreateObservableGauge("tilecluster.activations", () => activations.Count, "{activation}", "Metatile grain activations in memory");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                int collected = activations.CollectIdle();
                if (collected > 0)
                {
                    LogCollected(collected, activations.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Collected {Collected} idle activations; {Remaining} remain")]
    private partial void LogCollected(int collected, int remaining);
}
