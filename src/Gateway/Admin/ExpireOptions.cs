namespace TileCluster.Gateway.Admin;

/// <summary>The <c>Expire</c> configuration section: how expire lists are read and expanded.</summary>
public sealed class ExpireOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Expire";

    /// <summary>Lowest zoom an expired tile is expanded down to (its parents); a request's <c>minZoom</c> overrides it.</summary>
    public int MinZoom { get; set; } = 10;

    /// <summary>Highest zoom an expired tile is expanded up to (the tiles beneath it); a request's <c>maxZoom</c> overrides it.</summary>
    public int MaxZoom { get; set; } = 18;

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most metatiles one request may expand to, per style; more gets 413.</summary>
    public long MaxMetatiles { get; set; } = 20_000_000;

    /// <summary>Longest a <c>wait=hot</c> request waits when it names no <c>timeout</c>.</summary>
    public TimeSpan DefaultWaitTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
