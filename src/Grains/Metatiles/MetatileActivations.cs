using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Grains.Metatiles;

/// <summary>
/// The metatile grains active on this silo. Expiry asks it before waking a grain: a metatile with
/// no activation here and nothing stored needs no grain at all.
/// </summary>
internal sealed class MetatileActivations
{
    private readonly ConcurrentDictionary<MetatileKey, byte> _active = new();

    public MetatileActivations(IMeterFactory meters) =>
        meters.Create(RenderStatistics.MeterName).CreateObservableGauge("tilecluster.activations", () => _active.Count, "{activation}", "Metatile grains active on this silo");

    /// <summary>Activations on this silo now.</summary>
    public int Count => _active.Count;

    public bool IsActive(MetatileKey key) => _active.ContainsKey(key);

    public void Add(MetatileKey key) => _active.TryAdd(key, 0);

    public void Remove(MetatileKey key) => _active.TryRemove(key, out _);
}
