using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Grains.Concurrency;
using TileCluster.Grains.Jobs;
using TileCluster.Rendering.Scheduling;
using TileCluster.Storage;

namespace TileCluster.Grains.Metatiles;

/// <summary>The metatile grain's part in jobs: bulk renders whose tiles go to a job's tree, never into a message.</summary>
internal sealed partial class MetatileGrain
{
    private readonly SharedRun<(RenderOutcome Outcome, DateTimeOffset RenderedAt)> _jobRender = new();

    public async Task<JobTilesResult> RenderForJobAsync(JobTileRequest request, CancellationToken cancellationToken)
    {
        if (!JobId.IsValid(request.JobId) || request.Range.Z != _key.Metatile.Z)
        {
            throw new ArgumentException($"job request {request} does not fit metatile {_key}", nameof(request));
        }

        using var activity = GrainsTelemetry.Source.StartActivity("grain RenderForJob");
        activity?.SetTag("tilecluster.metatile", _key.ToString());
        activity?.SetTag("tilecluster.job", request.JobId);
        RenderedMetatile? rendered = null;
        var origin = _key.Metatile.TileAt(0, 0);
        if (await ReadStoredAsync(origin, cancellationToken) is not { Dirty: false })
        {
            // One render for every caller: a job resumed while its earlier run's call still renders
            // here, or an interactive miss in flight, is joined rather than rendered again (the
            // render lock is per silo session, so it would not keep them apart).
            var (outcome, _) = _missRender.Running is { } miss
                ? await miss.WaitAsync(cancellationToken)
                : await _jobRender.RunAsync(() => RenderLockedAsync(RenderPriority.Bulk, origin, CancellationToken.None).AsTask(), cancellationToken);

            if (outcome.Kind is not (RenderOutcomeKind.Rendered or RenderOutcomeKind.StoredElsewhere))
            {
                return new JobTilesResult(ToStatus(outcome.Kind), Rendered: false, TilesWritten: 0);
            }

            rendered = outcome.Tiles;
        }

        activity?.SetTag("tilecluster.outcome", rendered is null ? "reused" : "rendered");
        int written = request.WriteTree ? await WriteTreeAsync(request, rendered, cancellationToken) : 0;
        return written < 0
            ? new JobTilesResult(TileStatus.Unavailable, rendered is not null, 0)
            : new JobTilesResult(TileStatus.Ok, rendered is not null, written);
    }

    /// <summary>Writes the metatile's tiles inside the job's range; -1 when the store lost a tile meanwhile.</summary>
    private async Task<int> WriteTreeAsync(JobTileRequest request, RenderedMetatile? rendered, CancellationToken cancellationToken)
    {
        string tree = JobTileTree.Root(jobs.Value.JobFolder(request.JobId));
        var metatile = _key.Metatile;
        int written = 0;
        for (int dx = 0; dx < metatile.TilesPerSide; dx++)
        {
            for (int dy = 0; dy < metatile.TilesPerSide; dy++)
            {
                var tile = metatile.TileAt(dx, dy);
                if (!request.Range.Contains(tile))
                {
                    continue;
                }

                byte[]? bytes = rendered?.Get(dx, dy) ?? (await store.ReadTileAsync(_key, tile, cancellationToken))?.Bytes;
                if (bytes is null)
                {
                    return -1;
                }

                await JobTileTree.WriteAsync(tree, tile, bytes, cancellationToken);
                written++;
            }
        }

        return written;
    }
}
