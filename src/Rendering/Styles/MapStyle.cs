using System.Collections.Immutable;
using TileCluster.Rendering;

namespace TileCluster.Rendering.Styles;

/// <summary>A loaded, validated, immutable map style.</summary>
/// <param name="Name">The style's name.</param>
/// <param name="Background">Colour painted before the first layer (land).</param>
/// <param name="Format">Tile encoding.</param>
/// <param name="FontSets">The label font sets by name.</param>
/// <param name="Layers">Layers in drawing order.</param>
internal sealed record MapStyle(string Name, Rgba Background, TileImageFormat Format, ImmutableDictionary<string, FontSet> FontSets, ImmutableArray<StyleLayer> Layers);
