namespace TileCluster.Rendering;

/// <summary>How a stroke turns corners.</summary>
internal enum LineJoin
{
    /// <summary>Sharp corners.</summary>
    Miter = 0,

    /// <summary>Rounded corners.</summary>
    Round = 1,

    /// <summary>Cut corners.</summary>
    Bevel = 2,
}
