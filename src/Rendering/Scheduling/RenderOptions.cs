namespace TileCluster.Rendering.Scheduling;

/// <summary>The <c>Render</c> configuration section.</summary>
public sealed class RenderOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Render";

    /// <summary>Render threads; 0 means one per core.</summary>
    public int Threads { get; set; }

    /// <summary>Most render jobs waiting at once; past it, requests get 503 with Retry-After.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Pixels drawn around a metatile at scale 1 so labels and symbols cross tile edges cleanly.</summary>
    public int BufferPx { get; set; } = 128;

    /// <summary>What a 503 tells the client to wait.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
