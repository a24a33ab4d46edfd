namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary><c>Layers:{name}:Preview</c>: where the preview page opens (TileStache's <c>preview</c>).</summary>
public sealed class LayerPreviewOptions
{
    /// <summary>Latitude of the initial centre; with <see cref="Lon"/> and <see cref="Zoom"/>, or none of them.</summary>
    public double? Lat { get; set; }

    /// <summary>Longitude of the initial centre.</summary>
    public double? Lon { get; set; }

    /// <summary>Initial zoom.</summary>
    public int? Zoom { get; set; }

    /// <summary>The tile extension the preview and TileJSON show; the layer's canonical extension when unset.</summary>
    public string? Ext { get; set; }

    /// <summary>Whether a centre is configured.</summary>
    public bool HasCenter => Lat is not null && Lon is not null && Zoom is not null;
}
