using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>What a metatile grain did for a job.</summary>
/// <param name="Status">Ok, or why the metatile could not be had now (the job tries again).</param>
/// <param name="Rendered">The metatile was rendered for this request (false: reused from the store).</param>
/// <param name="TilesWritten">Tiles written into the job's tree.</param>
[GenerateSerializer]
[Immutable]
public sealed record JobTilesResult(TileStatus Status, bool Rendered, int TilesWritten);
