using SkiaSharp;

namespace TileCluster.Rendering.Composite;

/// <summary>One member of a composite layer's stack: a layer's pixels or a solid colour, combined with what lies below.</summary>
/// <param name="Layer">The layer drawn, or null for <paramref name="Color"/>.</param>
/// <param name="Color">The solid colour, when <paramref name="Layer"/> is null.</param>
/// <param name="Mask">The layer whose alpha the member is kept inside, if any.</param>
/// <param name="Opacity">0..1, multiplying the member's alpha.</param>
/// <param name="Mode">How it is blended.</param>
internal sealed record CompositeMember(string? Layer, Rgba Color, string? Mask, double Opacity, SKBlendMode Mode);
