using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Grains.Abstractions.Export;

/// <summary>
/// The strips of one export image, from the top, started in order with at most
/// <paramref name="inFlight"/> of them rendering at once, and handed out in order.
/// </summary>
/// <param name="render">Starts strip number <c>index</c> (rows <c>topPx</c>, <c>heightPx</c> of them); a failure is a value, never an exception.</param>
/// <param name="imageHeightPx">The image's height.</param>
/// <param name="stripHeightPx">Rows per strip (the last may have fewer).</param>
/// <param name="inFlight">Strips started but not yet handed out, at most.</param>
public sealed class StripSequence(Func<int, int, int, Task<ExportStrip>> render, int imageHeightPx, int stripHeightPx, int inFlight)
{
    private readonly Queue<Task<ExportStrip>> _pending = new();
    private int _started;

    /// <summary>Rows per strip.</summary>
    public int HeightPx { get; } = stripHeightPx;

    /// <summary>Strips in the image.</summary>
    public int Count { get; } = (imageHeightPx + stripHeightPx - 1) / stripHeightPx;

    /// <summary>The next strip from the top, once rendered; starts the following ones first.</summary>
    public Task<ExportStrip> NextAsync()
    {
        Fill();
        var next = _pending.Dequeue();
        Fill();
        return next;
    }

    /// <summary>Every strip from the top, or the first that failed (and the strips before it).</summary>
    public async Task<(ExportStrip[] Strips, ExportStrip? Failed)> AllAsync()
    {
        var all = new ExportStrip[Count];
        for (int index = 0; index < Count; index++)
        {
            all[index] = await NextAsync();
            if (all[index].Status != ExportStatus.Ok)
            {
                return (all[..index], all[index]);
            }
        }

        return (all, null);
    }

    /// <summary>Waits for the strips still in flight (once the caller cancelled them, they end as failures).</summary>
    public async Task DrainAsync()
    {
        while (_pending.TryDequeue(out var strip))
        {
            await strip;
        }
    }

    private void Fill()
    {
        while (_started < Count && _pending.Count < inFlight)
        {
            int top = _started * HeightPx;
            _pending.Enqueue(render(_started, top, Math.Min(HeightPx, imageHeightPx - top)));
            _started++;
        }
    }
}
