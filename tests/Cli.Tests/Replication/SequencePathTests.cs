using TileCluster.Cli.Replication;

namespace TileCluster.Cli.Tests.Replication;

public sealed class SequencePathTests
{
    [Theory]
    [InlineData(466354, "000/466/354")]
    [InlineData(0, "000/000/000")]
    [InlineData(1, "000/000/001")]
    [InlineData(1000, "000/001/000")]
    [InlineData(6_123_456, "006/123/456")]
    [InlineData(999_999_999, "999/999/999")]
    public void Maps_sequences_to_planet_paths(long sequence, string path) =>
        Assert.Equal(path, SequencePath.Format(sequence));

    [Fact]
    public void Rejects_sequences_the_layout_cannot_hold()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SequencePath.Format(1_234_567_890));
        Assert.Contains("sequence 1234567890 is above 999999999", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_negative_sequences()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SequencePath.Format(-1));
        Assert.Contains("sequence -1 is negative", e.Message, StringComparison.Ordinal);
    }
}
