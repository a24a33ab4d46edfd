namespace TileCluster.Rendering;

/// <summary>Creates one <see cref="IMapRenderer"/> per render thread.</summary>
internal interface IMapRendererFactory
{
    /// <summary>A new renderer, owned by the calling thread.</summary>
    /// <param name="encodeWorkers">
    /// Asked as a render starts encoding: how many threads it may compress its tiles on now (1 =
    /// only its own). The render pool answers with the render threads that are idle.
    /// </param>
    IMapRenderer Create(Func<int> encodeWorkers);
}
