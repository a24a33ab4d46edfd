using System.Diagnostics;

namespace TileCluster.Grains;

/// <summary>The activity source of grain calls and renders (immutable, so static is safe).</summary>
internal static class GrainsTelemetry
{
    public static readonly ActivitySource Source = new("TileCluster.Grains");
}
