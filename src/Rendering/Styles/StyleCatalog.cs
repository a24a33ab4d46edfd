using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Rendering.Styles;

/// <summary>
/// Every configured style, parsed once at start-up: a broken style file stops the process with
/// its file, line and problem rather than failing on the first render.
/// </summary>
internal sealed class StyleCatalog
{
    public StyleCatalog(IOptions<StylesOptions> options)
    {
        var styles = new Dictionary<string, MapStyle>(StringComparer.Ordinal);
        foreach (var (name, style) in options.Value.Styles)
        {
            try
            {
                styles.Add(name, StyleLoader.Load(options.Value.ResolveFile(style)));
            }
            catch (StyleException e)
            {
                throw new ConfigurationException($"Styles:{name}: {e.Message}", e);
            }
        }

        Styles = styles;
    }

    public IReadOnlyDictionary<string, MapStyle> Styles { get; }
}
