namespace TileCluster.Storage.Outputs;

/// <summary>How the rows of a written tile tree are numbered.</summary>
public enum TileRowOrder
{
    /// <summary>XYZ (Google, OSM): row 0 at the north edge.</summary>
    Xyz,

    /// <summary>TMS: row 0 at the south edge (<c>2^z - 1 - y</c>).</summary>
    Tms,
}
