namespace TileCluster.Rendering;

/// <summary>Creates one <see cref="IMapRenderer"/> per render thread.</summary>
internal interface IMapRendererFactory
{
    /// <summary>A new renderer, owned by the calling thread.</summary>
    IMapRenderer Create();
}
