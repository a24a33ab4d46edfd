using TileCluster.Gateway;
using TileCluster.ServiceDefaults;
using TileCluster.Silo;

return await StartupErrors.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddTileClusterConfiguration(args);

    // Until the cluster runtime lands, this process also hosts a silo with every grain.
    builder.Services.AddSilo();
    builder.Services.AddGateway();

    var app = builder.Build();
    app.UseGateway();
    app.MapGateway();
    await app.RunAsync();
});
