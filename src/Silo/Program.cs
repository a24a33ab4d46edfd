using TileCluster.ServiceDefaults;
using TileCluster.Silo;

return await StartupErrors.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddTileClusterConfiguration(args);
    builder.Services.AddTileClusterTelemetry("tilecluster-silo");
    builder.AddSilo();

    var app = builder.Build();
    app.MapHealthChecks("/healthz");
    SiloReadiness.Map(app);

    // Taken now: RunAsync disposes the host (and its services) before an exception leaves it.
    var started = app.Lifetime.ApplicationStarted;
    try
    {
        await app.RunAsync();
    }
    catch (Exception e) when (e is OperationCanceledException or OrleansLifecycleCanceledException && !started.IsCancellationRequested)
    {
        // Stopped (SIGTERM) while still joining the cluster: the start was cancelled, not crashed.
        await Console.Error.WriteLineAsync("tilecluster: the silo was stopped before it finished joining the cluster");
    }
});
