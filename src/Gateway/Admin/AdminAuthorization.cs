using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TileCluster.Gateway.Admin;

/// <summary>Bearer-token check for <c>/admin/*</c>: 401 without the configured token, 503 when none is configured.</summary>
internal sealed class AdminAuthorization(IOptions<AdminOptions> options) : IEndpointFilter
{
    private readonly byte[]? _token = string.IsNullOrEmpty(options.Value.Token) ? null : Encoding.UTF8.GetBytes(options.Value.Token);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_token is null)
        {
            return Results.Problem(
                detail: "admin endpoints are closed: no admin token is configured (set Admin:Token, e.g. TILECLUSTER_Admin__Token)",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Admin endpoints disabled");
        }

        string header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        string presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : string.Empty;
        if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"tilecluster-admin\"";
            return Results.Problem(
                detail: presented.Length == 0 ? "admin endpoints need 'Authorization: Bearer <token>'" : "the bearer token is not the configured admin token",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized");
        }

        return await next(context);
    }
}
