using TileCluster.Gateway;
using TileCluster.Gateway.Cluster;
using TileCluster.ServiceDefaults;

return await StartupErrors.RunAsync(async () =>
{
    // Static files (Leaflet, installed from npm by set-up) are copied next to the binaries, so the
    // gateway serves them whatever its working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
    builder.Configuration.AddTileClusterConfiguration(args);
    builder.Services.AddTileClusterTelemetry("tilecluster-gateway");
    builder.AddClusterClient();
    builder.Services.AddGateway();

    var app = builder.Build();
    app.UseGateway();
    app.MapGateway();
    await app.RunAsync();
});
