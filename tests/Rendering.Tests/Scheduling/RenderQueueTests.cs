using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Rendering.Tests.Scheduling;

public sealed class RenderQueueTests
{
    private static MetatileKey Key(int i) => new("osm", 1, MetatileCoord.Containing(TileCoord.Create(10, i * 8, 0)));

    [Fact]
    public void Take_ReturnsMostUrgentFirst_ThenOldest()
    {
        using var queue = new RenderQueue(10);
        queue.Enqueue(Key(1), RenderPriority.Bulk);
        queue.Enqueue(Key(2), RenderPriority.ExpiredCold);
        queue.Enqueue(Key(3), RenderPriority.Interactive);
        queue.Enqueue(Key(4), RenderPriority.Interactive);

        var order = Enumerable.Range(0, 4).Select(_ => queue.Take(CancellationToken.None).Key).ToArray();
        Assert.Equal([Key(3), Key(4), Key(2), Key(1)], order);
    }

    [Fact]
    public void Enqueue_SameKey_MergesAndKeepsHighestPriority()
    {
        using var queue = new RenderQueue(10);
        var first = queue.Enqueue(Key(1), RenderPriority.Bulk);
        queue.Enqueue(Key(2), RenderPriority.ExpiredHot);
        var second = queue.Enqueue(Key(1), RenderPriority.Interactive);

        Assert.Same(first, second);
        Assert.Equal(2, queue.Count);
        Assert.Equal(1, queue.Merged);
        Assert.Equal(1, queue.DepthOf(RenderPriority.Interactive));
        Assert.Equal(0, queue.DepthOf(RenderPriority.Bulk));
        Assert.Equal(Key(1), queue.Take(CancellationToken.None).Key);
        Assert.Equal(Key(2), queue.Take(CancellationToken.None).Key);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Enqueue_Full_EvictsLessUrgentWork_NeverInteractive()
    {
        using var queue = new RenderQueue(2);
        var bulk = queue.Enqueue(Key(1), RenderPriority.Bulk);
        Assert.NotNull(queue.Enqueue(Key(2), RenderPriority.Interactive));

        // Full: an interactive miss evicts the bulk job...
        Assert.NotNull(queue.Enqueue(Key(3), RenderPriority.Interactive));
        Assert.Equal(RenderOutcomeKind.Rejected, (await bulk!.Completion).Kind);
        Assert.Equal(1, queue.Evicted);

        // ...but with only interactive work queued, more work is refused, not queued.
        Assert.Null(queue.Enqueue(Key(4), RenderPriority.Interactive));
        Assert.Null(queue.Enqueue(Key(5), RenderPriority.Bulk));
        Assert.Equal(2, queue.Rejected);
        Assert.Equal(2, queue.DepthOf(RenderPriority.Interactive));
    }

    [Fact]
    public async Task Enqueue_Full_DropsColdExpiredBeforeHot_AndCountsDropsByPriority()
    {
        using var queue = new RenderQueue(3);
        var cold = queue.Enqueue(Key(1), RenderPriority.ExpiredCold);
        Assert.NotNull(queue.Enqueue(Key(2), RenderPriority.ExpiredHot));
        Assert.NotNull(queue.Enqueue(Key(3), RenderPriority.ExpiredHot));

        // A hot expiry evicts the cold one; an interactive miss then evicts a hot one, never the reverse.
        Assert.NotNull(queue.Enqueue(Key(4), RenderPriority.ExpiredHot));
        Assert.Equal(RenderOutcomeKind.Rejected, (await cold!.Completion).Kind);
        Assert.NotNull(queue.Enqueue(Key(5), RenderPriority.Interactive));

        // Another cold expiry cannot displace hotter work: refused, and counted as a cold drop.
        Assert.Null(queue.Enqueue(Key(6), RenderPriority.ExpiredCold));

        Assert.Equal(2, queue.DroppedAt(RenderPriority.ExpiredCold));
        Assert.Equal(1, queue.DroppedAt(RenderPriority.ExpiredHot));
        Assert.Equal(0, queue.DroppedAt(RenderPriority.Interactive));
        Assert.Equal(1, queue.DepthOf(RenderPriority.Interactive));
        Assert.Equal(2, queue.DepthOf(RenderPriority.ExpiredHot));
    }

    [Fact]
    public async Task Abandon_LastWaiter_DropsQueuedJob()
    {
        using var queue = new RenderQueue(10);
        var job = queue.Enqueue(Key(1), RenderPriority.Interactive)!;
        queue.Enqueue(Key(1), RenderPriority.Interactive);
        queue.Abandon(job);
        Assert.Equal(1, queue.Count);
        queue.Abandon(job);
        Assert.Equal(0, queue.Count);
        Assert.Equal(RenderOutcomeKind.Rejected, (await job.Completion).Kind);

        queue.Enqueue(Key(2), RenderPriority.Bulk);
        Assert.Equal(Key(2), queue.Take(CancellationToken.None).Key);
    }

    [Fact]
    public void EnqueueExport_BelowInteractive_TileWorkIsTakenFirstAndExportsNeverMerge()
    {
        using var queue = new RenderQueue(10);
        static object Export(IMapRenderer renderer, CancellationToken token) => new byte[] { 1 };
        var first = queue.EnqueueExport(Export, RenderPriority.Bulk);
        var second = queue.EnqueueExport(Export, RenderPriority.Bulk);
        queue.Enqueue(Key(1), RenderPriority.Interactive);

        Assert.NotSame(first, second);
        Assert.Equal(3, queue.Count);
        Assert.Equal(Key(1), queue.Take(CancellationToken.None).Key);
        Assert.Same(first, queue.Take(CancellationToken.None));
        Assert.Same(second, queue.Take(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task EnqueueExport_QueueFull_InteractiveEvictsTheExport()
    {
        using var queue = new RenderQueue(1);
        var export = queue.EnqueueExport(static (_, _) => Array.Empty<byte>(), RenderPriority.Bulk);
        Assert.NotNull(export);
        Assert.NotNull(queue.Enqueue(Key(1), RenderPriority.Interactive));
        Assert.Equal(RenderOutcomeKind.Rejected, (await export.Completion).Kind);
        Assert.Null(queue.EnqueueExport(static (_, _) => Array.Empty<byte>(), RenderPriority.Bulk));
    }
}
