namespace TileCluster.Gateway.Admin;

/// <summary>The <c>Admin</c> configuration section: who may call <c>/admin/*</c>.</summary>
public sealed class AdminOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Admin";

    /// <summary>
    /// The bearer token admin requests must carry. Unset means the admin endpoints are closed
    /// (503); tile endpoints are public either way. Set it from a secret, e.g. the environment
    /// variable <c>TILECLUSTER_Admin__Token</c>.
    /// </summary>
    public string? Token { get; set; }
}
