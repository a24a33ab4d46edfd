using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Concurrency;
using TileCluster.Grains.Metatiles;
using TileCluster.Grains.Placement;
using TileCluster.Rendering.Scheduling;
using TileCluster.Storage;
using TileCluster.Storage.PassThrough;

namespace TileCluster.Grains.PassThrough;

/// <summary>
/// One tile of a <c>proxy</c> or <c>mbtiles</c> layer: the pass-through counterpart of the
/// metatile grain, with a 1×1 "metatile". Placed on the silo that owns the tile's 8×8 metatile
/// (rendezvous hashing), so the tile's kept file lies where that metatile's expiries arrive and
/// survives restarts there. Reentrant, so concurrent requests all wait on one shared fetch.
/// </summary>
[Reentrant]
[RendezvousPlacement]
internal sealed partial class PassThroughTileGrain(
    ITileFileStore files,
    IPassThroughSource source,
    IOptions<LayersOptions> layers,
    IOptions<RenderOptions> render,
    TimeProvider time,
    ILogger<PassThroughTileGrain> logger) : Grain, IPassThroughTileGrain
{
    private PassThroughTileKey _key;
    private LayerOptions _layer = null!;
    private readonly SharedRun<TileResult> _fetch = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        string text = this.GetPrimaryKeyString();
        if (!PassThroughTileKey.TryParseGrainKey(text, out _key) || !layers.Value.Layers.TryGetValue(_key.Layer, out var layer) || !layer.Provider.IsPassThrough)
        {
            throw new ArgumentException($"'{text}' is not a tile of a pass-through layer (layer/z/x/y)");
        }

        _layer = layer;
        return Task.CompletedTask;
    }

    public async Task<TileResult> GetTileAsync(CancellationToken cancellationToken)
    {
        using var activity = GrainsTelemetry.Source.StartActivity("grain GetPassThroughTile");
        activity?.SetTag("tilecluster.tile", _key.GrainKey);
        if (_layer.KeepsTileFiles && await files.ReadAsync(_key.Layer, _key.Tile, Extension, cancellationToken) is { } kept && !OutlivedLifespan(kept))
        {
            activity?.SetTag("tilecluster.outcome", "stored");
            return TileResult.Ok(kept.Bytes, TileETag.Compute(kept.Bytes), kept.LastModified, dirty: false);
        }

        activity?.SetTag("tilecluster.outcome", "fetch");

        // Every caller that misses waits on the same fetch; it is not cancelled when one of them
        // gives up, since the others (and the gateway's retries) still want it.
        return await _fetch.RunAsync(FetchAsync, cancellationToken);
    }

    /// <summary>A kept tile older than the layer's <c>CacheLifespan</c> is fetched again (and replaced), as TileStache's lifespan does.</summary>
    private bool OutlivedLifespan(StoredTile kept) =>
        _layer.CacheLifespan is { } lifespan && time.GetUtcNow() - kept.LastModified > lifespan;

    private string Extension => _layer.Provider.TileExtensions[0];

    private async Task<TileResult> FetchAsync()
    {
        SourceTile tile;
        try
        {
            tile = await source.FetchAsync(_key.Layer, _key.Tile, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFetchFailed(e, _key);
            return TileResult.Unavailable(render.Value.RetryAfter);
        }

        if (tile.Status == TileStatus.Unavailable)
        {
            return TileResult.Unavailable(render.Value.RetryAfter);
        }

        if (tile.Status != TileStatus.Ok)
        {
            // Never kept: the next request asks the source again.
            return TileResult.Failed(tile.Status, tile.Detail ?? tile.Status.ToString());
        }

        if (_layer.KeepsTileFiles)
        {
            await files.WriteAsync(_key.Layer, _key.Tile, Extension, tile.Bytes, CancellationToken.None);
            LogKept(_key);
        }

        var now = time.GetUtcNow();
        return TileResult.Ok(tile.Bytes, TileETag.Compute(tile.Bytes), new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero), dirty: false);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Kept pass-through tile {Key}")]
    private partial void LogKept(PassThroughTileKey key);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Fetching pass-through tile {Key} failed")]
    private partial void LogFetchFailed(Exception exception, PassThroughTileKey key);
}
