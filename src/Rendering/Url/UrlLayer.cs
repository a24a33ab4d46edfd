using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Rendering.Url;

/// <summary>A configured <c>url</c> layer: where its metatile images come from, and how they are encoded.</summary>
/// <param name="Template">The parsed URL template.</param>
/// <param name="Timeout">How long one fetch may take.</param>
/// <param name="Retries">Further attempts after a failed fetch.</param>
/// <param name="Format">How its tiles are encoded.</param>
internal sealed record UrlLayer(LayerUrlTemplate Template, TimeSpan Timeout, int Retries, TileImageFormat Format);
