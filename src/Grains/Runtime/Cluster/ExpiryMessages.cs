namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>A silo's answer to an expiry batch.</summary>
/// <param name="Dirtied">Stored metatiles marked dirty (including those now re-rendering).</param>
/// <param name="NotStored">Metatiles never stored: nothing to do.</param>
/// <param name="Refreshing">Metatiles whose re-render started, as [z, x, y].</param>
/// <param name="Misdirected">Metatiles this silo does not own, by the owner it names.</param>
internal sealed record ExpireBatchResponse(int Dirtied, int NotStored, int[][] Refreshing, MisdirectedMetatiles[] Misdirected);

/// <summary>Metatiles a silo sent back because, in its view, <paramref name="Owner"/> owns them.</summary>
internal sealed record MisdirectedMetatiles(string Owner, int[][] Metatiles);

/// <summary>How the re-renders of a batch ended.</summary>
internal sealed record RefreshWaitResponse(int Rendered, int Failed, int TimedOut);
