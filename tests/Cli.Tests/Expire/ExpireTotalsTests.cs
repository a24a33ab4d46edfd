using System.Text.Json;
using TileCluster.Cli.Expire;
using TileCluster.Grains.Abstractions.Expiry;

namespace TileCluster.Cli.Tests.Expire;

public sealed class ExpireTotalsTests
{
    // The 200 body of the expire API contract.
    private const string ContractExample = """
        { "lines": 403, "tiles": 403, "metatiles": 1234, "keys": 2468,
          "dirtied": 12, "notStored": 2450, "hotRefreshing": 8,
          "silos": 2, "batches": 2, "deliveredMs": 35.2,
          "hotRendered": 8, "hotFailed": 0, "hotRenderedMs": 950.0 }
        """;

    private static readonly DateTimeOffset Sent = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Summarises_the_gateway_answer_in_one_line()
    {
        var totals = new ExpireTotals();

        totals.Add(Parse(ContractExample), Sent, Sent.AddSeconds(1));

        Assert.Equal(
            "expired 403 lines (403 tiles): 1234 metatiles, 2468 keys; 12 dirtied, 2450 not stored, 8 hot refreshing; hot: 8 re-rendered, 0 failed; 2 silos, 1 request, 1000 ms",
            totals.Summary(TimeSpan.FromSeconds(1)));
        Assert.Equal(Sent.AddMilliseconds(35.2), totals.DeliveredAt);
        Assert.Equal(Sent.AddMilliseconds(950), totals.HotRenderedAt);
    }

    [Fact]
    public void Adds_up_chunks_and_keeps_the_last_delivery_times()
    {
        var totals = new ExpireTotals();
        totals.Add(Parse(ContractExample), Sent, Sent.AddSeconds(1));

        totals.Add(Parse(ContractExample), Sent.AddSeconds(2), Sent.AddSeconds(3));

        Assert.Equal(806, totals.Lines);
        Assert.Equal(24, totals.Dirtied);
        Assert.Equal(16, totals.HotRendered);
        Assert.Equal(Sent.AddSeconds(2).AddMilliseconds(950), totals.HotRenderedAt);
        Assert.EndsWith("2 silos, 2 requests, 3000 ms", totals.Summary(TimeSpan.FromSeconds(3)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hot_wait_that_timed_out_is_said_so()
    {
        var totals = new ExpireTotals();

        totals.Add(Parse(ContractExample.Replace("\"hotRenderedMs\": 950.0", "\"hotRenderedMs\": null", StringComparison.Ordinal)), Sent, Sent.AddSeconds(120));

        Assert.True(totals.HotTimedOut);
        Assert.Null(totals.HotRenderedAt);
        Assert.Contains("hot: 8 re-rendered, 0 failed, the wait timed out", totals.Summary(TimeSpan.FromSeconds(120)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_wait_hot_there_is_no_hot_part()
    {
        var totals = new ExpireTotals();

        totals.Add(Parse("""{ "lines": 2, "tiles": 2, "metatiles": 9, "keys": 18, "dirtied": 0, "notStored": 18, "hotRefreshing": 0, "silos": 1, "batches": 1, "deliveredMs": 3.0 }"""), Sent, Sent);

        Assert.DoesNotContain("hot:", totals.Summary(TimeSpan.Zero), StringComparison.Ordinal);
        Assert.Null(totals.HotRenderedAt);
    }

    private static ExpireResponse Parse(string json) => JsonSerializer.Deserialize<ExpireResponse>(json)!;
}
