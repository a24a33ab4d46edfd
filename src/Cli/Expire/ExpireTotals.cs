using System.Globalization;
using System.Text;
using TileCluster.Grains.Abstractions.Expiry;

namespace TileCluster.Cli.Expire;

/// <summary>The gateway's answers for the chunks of one list, added up.</summary>
public sealed class ExpireTotals
{
    /// <summary>Chunks delivered.</summary>
    public int Chunks { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.Lines"/>.</summary>
    public long Lines { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.Tiles"/>.</summary>
    public long Tiles { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.Metatiles"/> (a metatile named by two chunks counts twice).</summary>
    public long Metatiles { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.Keys"/>.</summary>
    public long Keys { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.Dirtied"/>.</summary>
    public long Dirtied { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.NotStored"/>.</summary>
    public long NotStored { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.HotRefreshing"/>.</summary>
    public long HotRefreshing { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.HotRendered"/>, or null when no answer had it.</summary>
    public long? HotRendered { get; private set; }

    /// <summary>Sum of <see cref="ExpireResponse.HotFailed"/>, or null when no answer had it.</summary>
    public long? HotFailed { get; private set; }

    /// <summary>Whether a wait for hot re-renders timed out in some chunk.</summary>
    public bool HotTimedOut { get; private set; }

    /// <summary>Largest silo count seen.</summary>
    public int Silos { get; private set; }

    /// <summary>When the last chunk was delivered to the silos (sent time + the gateway's deliveredMs, or the answer's arrival).</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>When the last hot re-render finished (sent time + hotRenderedMs), or null without wait=hot or after a timeout.</summary>
    public DateTimeOffset? HotRenderedAt { get; private set; }

    /// <summary>Adds one chunk's answer; <paramref name="answeredAt"/> is when the answer came.</summary>
    public void Add(ExpireResponse response, DateTimeOffset sentAt, DateTimeOffset answeredAt)
    {
        Chunks++;
        Lines += response.Lines;
        Tiles += response.Tiles;
        Metatiles += response.Metatiles;
        Keys += response.Keys;
        Dirtied += response.Dirtied;
        NotStored += response.NotStored;
        HotRefreshing += response.HotRefreshing;
        Silos = Math.Max(Silos, response.Silos);
        if (response.HotRendered is { } rendered)
        {
            HotRendered = (HotRendered ?? 0) + rendered;
        }

        if (response.HotFailed is { } failed)
        {
            HotFailed = (HotFailed ?? 0) + failed;
        }

        DeliveredAt = response.DeliveredMs is { } deliveredMs ? sentAt.AddMilliseconds(deliveredMs) : answeredAt;
        if (response.HotRendered is not null || response.HotRenderedMs is not null)
        {
            if (response.HotRenderedMs is { } hotMs)
            {
                HotRenderedAt = sentAt.AddMilliseconds(hotMs);
            }
            else
            {
                HotTimedOut = true;
            }
        }
    }

    /// <summary>One line: what the gateway did with the list.</summary>
    public string Summary(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"expired {Lines} lines ({Tiles} tiles): {Metatiles} metatiles, {Keys} keys; {Dirtied} dirtied, {NotStored} not stored, {HotRefreshing} hot refreshing");
        if (HotRendered is not null || HotTimedOut)
        {
            text.Append(CultureInfo.InvariantCulture, $"; hot: {HotRendered ?? 0} re-rendered, {HotFailed ?? 0} failed");
            if (HotTimedOut)
            {
                text.Append(", the wait timed out");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"; {Silos} {(Silos == 1 ? "silo" : "silos")}, {Chunks} {(Chunks == 1 ? "request" : "requests")}, {elapsed.TotalMilliseconds:0} ms");
        return text.ToString();
    }
}
