using TileCluster.Gateway;
using TileCluster.ServiceDefaults;
using TileCluster.Silo;

return await StartupErrors.RunAsync(async () =>
{
    // Static files (Leaflet, installed from npm by set-up) are copied next to the binaries, so the
    // gateway serves them whatever its working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
    builder.Configuration.AddTileClusterConfiguration(args);

    // Until the cluster runtime lands, this process also hosts a silo with every grain.
    builder.Services.AddSilo();
    builder.Services.AddGateway();

    var app = builder.Build();
    app.UseGateway();
    app.MapGateway();
    await app.RunAsync();
});
