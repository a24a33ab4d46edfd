namespace TileCluster.Rendering;

/// <summary>How a stroke ends.</summary>
internal enum LineCap
{
    /// <summary>Ends exactly at the end point.</summary>
    Butt = 0,

    /// <summary>A half-disc past the end point.</summary>
    Round = 1,

    /// <summary>A half-square past the end point.</summary>
    Square = 2,
}
