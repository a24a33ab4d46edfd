using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>
/// Renders one exact map rectangle as one image on a silo's render pool, below tile traffic.
/// A stateless worker: call it with key 0; Orleans spreads activations over the silos.
/// </summary>
public interface IExportGrain : IGrainWithIntegerKey
{
    /// <summary>Renders and encodes <paramref name="request"/>.</summary>
    /// <param name="request">A validated rectangle, size and format.</param>
    /// <param name="cancellationToken">The caller's abort signal; a queued export is dropped.</param>
    Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken = default);
}
