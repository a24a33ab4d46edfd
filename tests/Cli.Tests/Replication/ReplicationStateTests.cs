using TileCluster.Cli.Replication;

namespace TileCluster.Cli.Tests.Replication;

public sealed class ReplicationStateTests
{
    // planet.osm.org/replication/minute/state.txt as osmosis writes it.
    private const string PlanetState = "#Sun Aug 04 20:14:02 UTC 2013\nsequenceNumber=466354\ntimestamp=2013-08-04T20\\:14\\:02Z\n";

    [Fact]
    public void Reads_the_planet_format_with_escaped_colons()
    {
        Assert.True(ReplicationState.TryParse(PlanetState, out var state, out string? error), error);
        Assert.Equal(466354, state!.Sequence);
        Assert.Equal(new DateTimeOffset(2013, 8, 4, 20, 14, 2, TimeSpan.Zero), state.Timestamp);
        Assert.Null(state.PendingExpire);
    }

    [Theory]
    [InlineData("sequenceNumber=466354\r\ntimestamp=2013-08-04T20\\:14\\:02Z\r\n", 466354)] // CRLF
    [InlineData("timestamp=2013-08-04T20\\:14\\:02Z\nsequenceNumber=5\n", 5)] // any order
    [InlineData("! comment\n  sequenceNumber = 7\ntimestamp=2013-08-04T20:14:02Z\n", 7)] // '!' comments, spaces, unescaped colons
    [InlineData("sequenceNumber=0\ntimestamp=2013-08-04T20\\:14\\:02.5Z\nreplicationTimestamp=x\n", 0)] // fractions, unknown keys ignored
    public void Accepts_property_file_variations(string text, long sequence)
    {
        Assert.True(ReplicationState.TryParse(text, out var state, out string? error), error);
        Assert.Equal(sequence, state!.Sequence);
    }

    [Theory]
    [InlineData("timestamp=2013-08-04T20\\:14\\:02Z\n", "no sequenceNumber line")]
    [InlineData("sequenceNumber=46635x\n", "line 1: sequenceNumber '46635x' is not a whole number")]
    [InlineData("sequenceNumber=-1\n", "line 1: sequenceNumber '-1' is not a whole number")]
    [InlineData("sequenceNumber=1234567890\n", "line 1: sequenceNumber 1234567890 is above 999999999")]
    [InlineData("#c\nsequenceNumber=1\ntimestamp=04.08.2013 20\\:14\n", "line 3: timestamp '04.08.2013 20:14' is not a UTC time")]
    [InlineData("sequenceNumber=1\njust some words\n", "line 2: expected key=value but found 'just some words'")]
    [InlineData("sequenceNumber=2\npendingExpire=1\n", "pendingExpire=1 does not match sequenceNumber=2")]
    public void Rejects_malformed_files_naming_line_and_fault(string text, string expected)
    {
        Assert.False(ReplicationState.TryParse(text, out _, out string? error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_osmosis_format_and_reads_it_back()
    {
        var arrival = new DateTimeOffset(2026, 11, 21, 7, 57, 16, 222, TimeSpan.Zero);
        var state = new ReplicationState(466354, new DateTimeOffset(2013, 8, 4, 20, 14, 2, TimeSpan.Zero), 466354, arrival);

        string text = state.Format();

        Assert.Contains("sequenceNumber=466354\n", text, StringComparison.Ordinal);
        Assert.Contains("timestamp=2013-08-04T20\\:14\\:02Z\n", text, StringComparison.Ordinal);
        Assert.Contains("pendingExpire=466354\n", text, StringComparison.Ordinal);
        Assert.Contains("pendingArrival=2026-11-21T07\\:57\\:16.222Z\n", text, StringComparison.Ordinal);
        Assert.True(ReplicationState.TryParse(text, out var back, out _));
        Assert.Equal(state, back);
    }

    [Fact]
    public void A_state_without_pending_expiries_has_no_pending_keys()
    {
        string text = new ReplicationState(12, null).Format();

        Assert.Equal("#TileCluster replication state\nsequenceNumber=12\n", text);
    }

    [Fact]
    public void Write_replaces_the_file_atomically_and_leaves_no_temporary_file()
    {
        string dir = Directory.CreateTempSubdirectory("tilecluster-state-").FullName;
        try
        {
            string path = Path.Combine(dir, "state.txt");
            File.WriteAllText(path, PlanetState);

            new ReplicationState(466355, new DateTimeOffset(2013, 8, 4, 20, 15, 2, TimeSpan.Zero)).Write(path);

            Assert.Equal(466355, ReplicationState.Read(path).Sequence);
            Assert.Equal(["state.txt"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
