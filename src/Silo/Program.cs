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
    await app.RunAsync();
});
