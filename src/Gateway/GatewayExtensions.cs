using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using TileCluster.Gateway.Admin;
using TileCluster.Gateway.Export;
using TileCluster.Gateway.Http;
using TileCluster.Gateway.Jobs;
using TileCluster.Gateway.Layers;
using TileCluster.Gateway.Preview;
using TileCluster.Gateway.Status;
using TileCluster.Gateway.Tiles;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage.Caches;
using TileCluster.Storage.PassThrough;

namespace TileCluster.Gateway;

/// <summary>The gateway's services, middleware and endpoints.</summary>
internal static class GatewayExtensions
{
    private const string CorsPolicy = "tiles";

    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddPassThroughLayers();
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.AddTileCaches();
        services.AddSingleton<CacheHeaders>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<TileEndpoints>();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(o => o.Token is null || o.Token.Trim().Length == o.Token.Length && o.Token.Length >= 8, "Admin:Token must be at least 8 characters with no leading or trailing white space")
            .ValidateOnStart();
        services.AddOptions<ExpireOptions>().BindConfiguration(ExpireOptions.Section)
            .Validate(o => o.MinZoom is >= 0 and <= TileCoord.MaxSupportedZoom && o.MaxZoom is >= 0 and <= TileCoord.MaxSupportedZoom && o.MinZoom <= o.MaxZoom, $"Expire:MinZoom and Expire:MaxZoom must be within 0..{TileCoord.MaxSupportedZoom}, MinZoom at most MaxZoom")
            .Validate(o => o.MaxBodyBytes is >= 1024 and <= 1L << 31, "Expire:MaxBodyBytes must be within 1024..2147483648")
            .Validate(o => o.MaxMetatiles is >= 1 and <= 500_000_000, "Expire:MaxMetatiles must be within 1..500000000")
            .Validate(o => o.DefaultWaitTimeout > TimeSpan.Zero && o.DefaultWaitTimeout <= TimeSpan.FromHours(1), "Expire:DefaultWaitTimeout must be within (0, 01:00:00]")
            .ValidateOnStart();
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section)
            .Validate(o => o.MaxWidthPx is >= 1 and <= 65535 && o.MaxHeightPx is >= 1 and <= 65535, "Export:MaxWidthPx and Export:MaxHeightPx must be within 1..65535")
            .Validate(o => o.MaxPixels >= 1 && o.MaxPixels <= (long)o.MaxWidthPx * o.MaxHeightPx, "Export:MaxPixels must be at least 1 and at most MaxWidthPx x MaxHeightPx")
            .Validate(o => o.ConcurrentPerClient is >= 1 and <= 1000, "Export:ConcurrentPerClient must be within 1..1000")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero && o.RequestTimeout <= TimeSpan.FromHours(1), "Export:RequestTimeout must be within (0, 01:00:00]")
            .Validate(o => o.StripHeightPx is >= 16 and <= 65535, "Export:StripHeightPx must be within 16..65535")
            .Validate(o => o.StripsInFlight is >= 1 and <= 64, "Export:StripsInFlight must be within 1..64")
            .ValidateOnStart();
        services.AddSingleton<ExportCluster>();
        services.AddSingleton<ExportStrips>();
        services.AddSingleton<ExportEndpoints>();
        services.AddRateLimiter(ExportEndpoints.ConfigureRateLimiting);
        services.AddSingleton<AdminAuthorization>();
        services.AddJobsOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JobFolders>();
        services.AddSingleton<JobEndpoints>();
        services.AddSingleton<JobRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRetention>());
        services.AddSingleton<ExpireGate>();
        services.AddSingleton<ExpireEndpoints>();
        services.AddSingleton<DeleteEndpoints>();
        services.AddSingleton<ExpiryBroadcast>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryBroadcast>());
        services.AddCors();
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, LayerCorsPolicyProvider>());
        services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.Section)
            .Validate(o => o.File is null || o.Redirect is null, "Index: set File or Redirect, not both")
            .Validate<IOptions<LayersOptions>>((o, layers) => o.File is null || File.Exists(layers.Value.ResolveFile(o.File)), "Index:File: the file does not exist (it is relative to the configuration file's folder)")
            .Validate(o => o.Redirect is null || Uri.TryCreate(o.Redirect, UriKind.RelativeOrAbsolute, out _) && o.Redirect.Length > 0, "Index:Redirect: must be a URL or a path such as /osm/preview.html")
            .ValidateOnStart();
        return services;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UsePathLengthLimit();
        app.UseJobPathGuard();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseCors(CorsPolicy);
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        app.MapGet("/readyz", static async (HttpContext context, IClusterStatus cluster) => await cluster.IsReadyAsync(context.RequestAborted)
            ? Results.Text("ready")
            : Results.Text("no active silo", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        StatusEndpoints.Map(app);
        IndexEndpoints.Map(app);
        PreviewEndpoints.Map(app);
        TileJsonEndpoints.Map(app);
        MapLibreStyleEndpoints.Map(app);
        ExpireEndpoints.Map(app);
        DeleteEndpoints.Map(app);
        ExportEndpoints.Map(app);
        JobEndpoints.Map(app);
        TileEndpoints.Map(app);
        return app;
    }
}
