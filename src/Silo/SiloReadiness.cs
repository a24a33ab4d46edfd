using Orleans.Runtime;

namespace TileCluster.Silo;

/// <summary>
/// <c>GET /readyz</c>: 200 while this silo is active in the Orleans membership; 503 while it is
/// joining or shutting down, so Kubernetes counts it ready only when it takes grain calls.
/// </summary>
internal static class SiloReadiness
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/readyz", static (ILocalSiloDetails silo, IClusterMembershipService membership) =>
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            return status == SiloStatus.Active
                ? Results.Text("active")
                : Results.Text(status.ToString().ToLowerInvariant(), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
}
