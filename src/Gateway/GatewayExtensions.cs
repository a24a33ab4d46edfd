using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Gateway.Preview;
using TileCluster.Gateway.Status;
using TileCluster.Gateway.Tiles;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Gateway;

/// <summary>The gateway's services, middleware and endpoints.</summary>
internal static class GatewayExtensions
{
    private const string CorsPolicy = "tiles";

    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddStylesOptions();
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.AddSingleton<HotTileCache>();
        services.AddSingleton<CacheHeaders>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<TileEndpoints>();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<GatewayOptions>>((cors, gateway) => cors.AddPolicy(CorsPolicy, policy =>
            {
                var origins = gateway.Value.CorsOrigins;
                if (origins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. origins]);
                }

                policy.WithMethods("GET", "HEAD").WithExposedHeaders("ETag", "Last-Modified", "Retry-After");
            }));
        return services;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UsePathLengthLimit();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseCors(CorsPolicy);
        return app;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        app.MapGet("/readyz", static (IClusterStatus cluster) => cluster.CanPlaceGrains
            ? Results.Text("ready")
            : Results.Text("no active silo", statusCode: StatusCodes.Status503ServiceUnavailable));
        StatusEndpoints.Map(app);
        PreviewEndpoints.Map(app);
        TileEndpoints.Map(app);
        return app;
    }
}
