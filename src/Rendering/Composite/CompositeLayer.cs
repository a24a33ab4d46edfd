using SkiaSharp;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Rendering.Composite;

/// <summary>A configured <c>composite</c> layer: its stack, bottom first, and how its tiles are encoded.</summary>
/// <param name="Members">The members, bottom first.</param>
/// <param name="Format">How its tiles are encoded.</param>
internal sealed record CompositeLayer(IReadOnlyList<CompositeMember> Members, TileImageFormat Format)
{
    /// <summary>The layer of a validated <c>composite</c> provider.</summary>
    public static CompositeLayer From(LayerProviderOptions provider, TileImageFormat format)
    {
        var members = new List<CompositeMember>(provider.Stack.Count);
        foreach (var member in provider.Stack)
        {
            var color = default(Rgba);
            if (!string.IsNullOrEmpty(member.Color) && !Rgba.TryParse(member.Color, out color, out string? error))
            {
                throw new ConfigurationException(error);
            }

            members.Add(new CompositeMember(
                string.IsNullOrEmpty(member.Layer) ? null : member.Layer,
                color,
                string.IsNullOrEmpty(member.Mask) ? null : member.Mask,
                member.Opacity,
                Enum.Parse<SKBlendMode>(member.BlendMode, ignoreCase: true)));
        }

        return new CompositeLayer(members, format);
    }
}
