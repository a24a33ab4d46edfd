using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Replication;

namespace TileCluster.Cli.Tests.Replication;

public sealed class RetryScheduleTests
{
    [Fact]
    public void Doubles_from_one_second_up_to_the_five_minute_default_cap()
    {
        var schedule = new RetrySchedule(TimeSpan.FromMinutes(5));

        var delays = Enumerable.Range(0, 12).Select(_ => schedule.NextDelay().TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300], delays);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(100, 2)]
    [InlineData(int.MaxValue, 2)]
    public void Never_waits_longer_than_the_cap(int failures, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new RetrySchedule(TimeSpan.FromSeconds(2)).DelayAfter(failures));

    [Fact]
    public void A_cap_below_one_second_is_the_only_delay() =>
        Assert.Equal(TimeSpan.FromMilliseconds(300), new RetrySchedule(TimeSpan.FromMilliseconds(300)).NextDelay());

    [Fact]
    public void A_success_starts_the_schedule_again()
    {
        var schedule = new RetrySchedule(TimeSpan.FromMinutes(5));
        schedule.NextDelay();
        schedule.NextDelay();
        schedule.NextDelay();

        schedule.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), schedule.NextDelay());
        Assert.Equal(1, schedule.Failures);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("90", 90)]
    [InlineData("1.5s", 1.5)]
    public void Durations_take_a_unit(string text, double seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration, out string? error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("soon", "is not a duration")]
    [InlineData("5x", "is not a duration")]
    [InlineData("s", "is not a duration")]
    [InlineData("0s", "outside the accepted range")]
    [InlineData("8d", "is not a duration")]
    [InlineData("200h", "outside the accepted range")]
    public void Bad_durations_say_why(string text, string reason)
    {
        Assert.False(Durations.TryParse(text, out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
