namespace TileCluster.Grains.Runtime;

/// <summary>A grain that may ask not to be collected while idle (Orleans' <c>DelayDeactivation</c>).</summary>
internal interface IKeepAlive
{
    /// <summary>True while the grain holds work that outlives its calls.</summary>
    bool KeepAlive { get; }
}
