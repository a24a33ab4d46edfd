namespace TileCluster.Rendering.Data;

/// <summary>The <c>Database</c> configuration section: the PostGIS database osm2pgsql fills.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Database";

    /// <summary>Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Longest a style query may run before the render fails.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
