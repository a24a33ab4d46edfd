using TileCluster.ServiceDefaults;
using TileCluster.Silo;

return await StartupErrors.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddTileClusterConfiguration(args);
    builder.Services.AddTileClusterTelemetry("tilecluster-silo");
    builder.Services.AddSilo(builder.Configuration);

    var app = builder.Build();
    app.MapSilo();
    await app.RunAsync();
});
