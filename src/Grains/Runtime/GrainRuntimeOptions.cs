namespace TileCluster.Grains.Runtime;

/// <summary>The <c>Grains</c> configuration section.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Grains";

    /// <summary>An activation without calls for this long is collected.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromSeconds(30);
}
