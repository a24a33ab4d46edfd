using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Gateway.Admin;

/// <summary>What <see cref="ExpireGate"/> let through: the request, its list and the metatiles it names per layer and scale.</summary>
/// <param name="Request">The validated query.</param>
/// <param name="List">The parsed list; always valid.</param>
/// <param name="Targets">Per layer whose zooms meet the request's, the expanded metatiles at scales 1 and 2.</param>
/// <param name="Metatiles">Metatiles after expansion, each zoom range counted once however many layers share it.</param>
internal sealed record ExpiryTargets(ExpireRequest Request, ExpireList List, IReadOnlyList<ExpiryTarget> Targets, long Metatiles);
