using System.Diagnostics;

namespace TileCluster.Rendering;

/// <summary>The activity source of renders and their SQL (immutable, so static is safe).</summary>
internal static class RenderingTelemetry
{
    public static readonly ActivitySource Source = new("TileCluster.Rendering");
}
