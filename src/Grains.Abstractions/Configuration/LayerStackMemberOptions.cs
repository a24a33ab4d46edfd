namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// <c>Layers:{name}:Provider:Stack:{i}</c>: one member of a <c>composite</c> layer's stack (TileStache's
/// sandwich), drawn over the members before it: another layer's metatile or a solid colour, with an
/// opacity, an optional mask and a blend mode.
/// </summary>
public sealed class LayerStackMemberOptions
{
    /// <summary>The blend modes, Skia's <c>SKBlendMode</c> names (matched ignoring case).</summary>
    public static IReadOnlyList<string> BlendModes { get; } =
    [
        "SrcOver", "Multiply", "Screen", "Overlay", "Darken", "Lighten", "ColorDodge", "ColorBurn", "HardLight", "SoftLight",
        "Difference", "Exclusion", "Hue", "Saturation", "Color", "Luminosity", "Plus", "Modulate", "Clear", "Src", "Dst",
        "DstOver", "SrcIn", "DstIn", "SrcOut", "DstOut", "SrcATop", "DstATop", "Xor",
    ];

    /// <summary>The layer drawn (a <c>style</c>, <c>url</c> or another <c>composite</c> layer); exclusive with <see cref="Color"/>.</summary>
    public string? Layer { get; set; }

    /// <summary>A solid colour (<c>#rgb</c>, <c>#rrggbb</c> or <c>#rrggbbaa</c>) filling the whole tile; exclusive with <see cref="Layer"/>.</summary>
    public string? Color { get; set; }

    /// <summary>0 (invisible) to 1 (opaque): multiplies the member's alpha.</summary>
    public double Opacity { get; set; } = 1;

    /// <summary>A raster layer whose alpha masks the member: it shows only where the mask layer has pixels.</summary>
    public string? Mask { get; set; }

    /// <summary>How the member is combined with what is below it: a Skia blend mode name such as <c>SrcOver</c> (plain painting), <c>Multiply</c> or <c>Screen</c>.</summary>
    public string BlendMode { get; set; } = "SrcOver";
}
