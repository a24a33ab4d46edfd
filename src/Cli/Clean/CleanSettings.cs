using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Replication;

namespace TileCluster.Cli.Clean;

/// <summary>What <c>tilecluster clean</c> was asked to do, checked.</summary>
/// <param name="Gateway">The gateway's base URL.</param>
/// <param name="Token">The admin token, or null.</param>
/// <param name="Layers">The layers to clean.</param>
/// <param name="Box">The area.</param>
/// <param name="Zooms">The zooms.</param>
/// <param name="Delete">Remove the metatiles rather than mark them dirty.</param>
internal sealed record CleanSettings(Uri Gateway, string? Token, IReadOnlyList<string> Layers, BoundingBox Box, ZoomRange Zooms, bool Delete);
