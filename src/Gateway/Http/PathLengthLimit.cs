using System.Globalization;
using Microsoft.Extensions.Options;

namespace TileCluster.Gateway.Http;

/// <summary>Refuses over-long paths before routing sees them.</summary>
internal static class PathLengthLimit
{
    public static IApplicationBuilder UsePathLengthLimit(this IApplicationBuilder app)
    {
        int max = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxPathLength;
        return app.Use((context, next) =>
        {
            int length = context.Request.Path.Value?.Length ?? 0;
            return length > max
                ? Problems.BadRequest(context, string.Create(CultureInfo.InvariantCulture, $"the path is {length} characters long; the limit is {max}"))
                : next(context);
        });
    }
}
