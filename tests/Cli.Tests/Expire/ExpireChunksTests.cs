using System.Text;
using TileCluster.Cli.Expire;
using TileCluster.Grains.Abstractions.Expiry;

namespace TileCluster.Cli.Tests.Expire;

public sealed class ExpireChunksTests
{
    [Theory]
    [InlineData("1/0/0\n1/1/0\n1/0/1\n1/1/1\n2/0/0\n", 2, new[] { "1/0/0\n1/1/0\n", "1/0/1\n1/1/1\n", "2/0/0\n" }, new[] { 1, 3, 5 })]
    [InlineData("1/0/0\n1/1/0", 1, new[] { "1/0/0\n", "1/1/0" }, new[] { 1, 2 })] // no final newline
    [InlineData("1/0/0\r\n\r\n1/1/0\r\n", 2, new[] { "1/0/0\r\n\r\n", "1/1/0\r\n" }, new[] { 1, 3 })] // CRLF, blank lines count
    [InlineData("1/0/0\n1/1/0\n", 200000, new[] { "1/0/0\n1/1/0\n" }, new[] { 1 })]
    [InlineData("", 5, new string[0], new int[0])]
    public void Splits_into_whole_lines(string list, int linesPerChunk, string[] chunks, int[] firstLines)
    {
        var split = ExpireChunks.Split(Encoding.UTF8.GetBytes(list), linesPerChunk).ToList();

        Assert.Equal(chunks, split.Select(c => Encoding.UTF8.GetString(c.Body.Span)));
        Assert.Equal(firstLines, split.Select(c => c.FirstLine));
    }

    [Fact]
    public void Chunks_of_the_real_expire_list_parse_to_the_same_tiles_as_the_whole()
    {
        // A list like osm2pgsql's -e 10-18 output: tiles at every zoom from 10 to 18.
        var lines = new StringBuilder();
        for (int z = 10; z <= 18; z++)
        {
            for (int i = 0; i < 45; i++)
            {
                lines.Append($"{z}/{(536 << (z - 10)) + i}/{358 << (z - 10)}\n");
            }
        }

        byte[] bytes = Encoding.UTF8.GetBytes(lines.ToString());
        var whole = ExpireList.Parse(bytes);

        var pieces = ExpireChunks.Split(bytes, 100).Select(c => ExpireList.Parse(c.Body.Span)).ToList();

        Assert.Equal(5, pieces.Count);
        Assert.Equal(whole.Tiles, pieces.SelectMany(p => p.Tiles));
    }
}
