using System.Text;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Expiry;

public sealed class ExpireListTests
{
    [Theory]
    [InlineData("15/17250/11506", 15, 17250, 11506)]
    [InlineData("0/0/0", 0, 0, 0)]
    [InlineData("18/138004/92052", 18, 138004, 92052)]
    [InlineData("24/16777215/16777215", 24, 16777215, 16777215)]
    [InlineData("007/1/2", 7, 1, 2)]
    public void TryParseLine_ReadsTheTile(string line, int z, int x, int y)
    {
        Assert.True(ExpireList.TryParseLine(Encoding.UTF8.GetBytes(line), out var tile, out string? reason), reason);
        Assert.Equal(TileCoord.Create(z, x, y), tile);
    }

    [Theory]
    [InlineData("15/17250", "found 2 parts")]
    [InlineData("15", "found 1 part in")]
    [InlineData("15/17250/11506/1", "more than three parts")]
    [InlineData("15//11506", "the x is missing")]
    [InlineData("/1/2", "the zoom is missing")]
    [InlineData("15/17250/", "the y is missing")]
    [InlineData("15/-1/2", "x '-1' is not a whole number")]
    [InlineData("15/1.5/2", "x '1.5' is not a whole number")]
    [InlineData("z/1/2", "zoom 'z' is not a whole number")]
    [InlineData("15/17250/11506 ", "y '11506 ' is not a whole number")]
    [InlineData(" 15/17250/11506", "zoom ' 15' is not a whole number")]
    [InlineData("15/32768/0", "x 32768 is outside 0..32767 at zoom 15")]
    [InlineData("3/0/8", "y 8 is outside 0..7 at zoom 3")]
    [InlineData("25/0/0", "zoom 25 is outside 0..24")]
    [InlineData("15/99999999999/1", "x 99999999999 is too large")]
    [InlineData("15\t17250\t11506", "zoom '15\\x0917250\\x0911506' is not a whole number")]
    [InlineData("15,17250,11506", "zoom '15,17250,11506' is not a whole number")]
    public void TryParseLine_NamesWhatIsWrong(string line, string expected)
    {
        Assert.False(ExpireList.TryParseLine(Encoding.UTF8.GetBytes(line), out _, out string? reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsLfCrlfBlankLinesAndNoFinalNewline()
    {
        var list = ExpireList.Parse("10/539/359\r\n\n11/1078/718\n12/2156/1438"u8);
        Assert.True(list.IsValid);
        Assert.Equal(4, list.Lines);
        Assert.Equal([TileCoord.Create(10, 539, 359), TileCoord.Create(11, 1078, 718), TileCoord.Create(12, 2156, 1438)], list.Tiles);
    }

    [Fact]
    public void Parse_OneBadLine_RejectsTheWholeList_WithItsLineNumber()
    {
        var list = ExpireList.Parse("10/539/359\n11/1078/718\n11/1078\n12/2156/1438\n12/x/1\n"u8);
        Assert.False(list.IsValid);
        Assert.Empty(list.Tiles);
        Assert.Equal(2, list.ErrorCount);
        Assert.Equal([3, 5], list.Errors.Select(e => e.Line));
        Assert.StartsWith("line 3: expected z/x/y", list.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ItemisesAtMostAHundredErrors_ButCountsThemAll()
    {
        var list = ExpireList.Parse(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("bad\n", 250))));
        Assert.Equal(250, list.ErrorCount);
        Assert.Equal(ExpireList.MaxReportedErrors, list.Errors.Count);
        Assert.Equal(100, list.Errors[^1].Line);
    }

    [Fact]
    public void Parse_ShowsControlCharactersAndShortensLongLines()
    {
        var list = ExpireList.Parse(Encoding.UTF8.GetBytes("1/0/\u00010\n" + new string('9', 80)));
        Assert.Contains("\\x01", list.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("…", list.Errors[1].Reason, StringComparison.Ordinal);
        Assert.True(list.Errors[1].Reason.Length < 160);
    }

    [Fact]
    public void Parse_EmptyBody_IsAValidEmptyList()
    {
        var list = ExpireList.Parse(""u8);
        Assert.True(list.IsValid);
        Assert.Empty(list.Tiles);
    }
}
