using System.Collections.Immutable;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.UtfGrid;

/// <summary>A configured UTFGrid layer: the style layers that take part (their queries also read the fields), the grid resolution and the fields.</summary>
/// <param name="Style">The style, narrowed to the layers that take part, in its drawing order.</param>
/// <param name="Resolution">Tile pixels per grid cell.</param>
/// <param name="Fields">The columns carried in each key's <c>data</c>.</param>
internal sealed record UtfGridLayer(MapStyle Style, int Resolution, ImmutableArray<string> Fields)
{
    /// <summary>
    /// The layer of a validated <c>utfgrid</c> provider over <paramref name="style"/>; a name in
    /// <c>Provider:Layers</c> that the style lacks stops start-up, naming it.
    /// </summary>
    public static UtfGridLayer From(string name, MapStyle style, LayerProviderOptions provider)
    {
        foreach (string wanted in provider.Layers)
        {
            if (!style.Layers.Any(l => l.Name == wanted))
            {
                throw new ConfigurationException($"Layers:{name}:Provider:Layers: '{wanted}' is not a layer of style '{style.Name}'; its layers: {string.Join(", ", style.Layers.Select(l => l.Name))}");
            }
        }

        var fields = provider.Fields.Distinct(StringComparer.Ordinal).ToImmutableArray();
        var layers = style.Layers
            .Where(l => provider.Layers.Count == 0 || provider.Layers.Contains(l.Name))
            .Select(l => l with { Columns = [.. l.Columns.Union(fields, StringComparer.Ordinal)] })
            .ToImmutableArray();
        return new UtfGridLayer(style with { Layers = layers }, provider.Resolution, fields);
    }
}
