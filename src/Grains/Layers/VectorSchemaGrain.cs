using Orleans.Concurrency;
using TileCluster.Grains.Abstractions.Layers;
using TileCluster.Rendering.VectorTiles;

namespace TileCluster.Grains.Layers;

/// <summary>Answers from the silo's own style catalog, on whichever silo the call lands.</summary>
[StatelessWorker]
internal sealed class VectorSchemaGrain(VectorLayerSchemas schemas, MapLibreStyles styles) : Grain, IVectorSchemaGrain
{
    public Task<VectorLayerSchema[]> GetAsync() => Task.FromResult(schemas.For(this.GetPrimaryKeyString()));

    public Task<string?> GetMapLibreStyleAsync() => Task.FromResult(styles.For(this.GetPrimaryKeyString()));
}
