using System.Text.Json;
using TileCluster.Rendering.UtfGrid;

namespace TileCluster.Rendering.Tests.UtfGrid;

/// <summary>The UTFGrid 1.3 encoding of keys as code points, and the JSON of a small grid.</summary>
public sealed class UtfGridWriterTests
{
    [Theory]
    [InlineData(0, 32)]
    [InlineData(1, 33)]
    [InlineData(2, 35)]
    [InlineData(58, 91)]
    [InlineData(59, 93)]
    [InlineData(60, 94)]
    [InlineData(1000, 1034)]
    public void Encode_SkipsQuoteAndBackslash_AndDecodeUndoesIt(int index, int code)
    {
        Assert.Equal(code, UtfGridWriter.Encode(index));
        Assert.Equal(index, UtfGridWriter.Decode(code));
        Assert.NotEqual('"', UtfGridWriter.Encode(index));
        Assert.NotEqual('\\', UtfGridWriter.Encode(index));
    }

    [Fact]
    public void Write_TwoFeaturesSharingAKey_OneIndex_EmptyCellsKeyZero_DataWithoutNulls()
    {
        // 2 × 2: empty, feature 1; feature 2 (same key as 1), feature 3.
        GridFeature[] features =
        [
            new("42", [new("name", "Städtle"), new("highway", null)]),
            new("42", [new("name", "ignored: the first feature of a key gives its data"), new("highway", null)]),
            new("-7", [new("name", null), new("highway", "primary")]),
        ];

        byte[] json = UtfGridWriter.Write([0, 1, 2, 3], 2, features);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["", "42", "-7"], root.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        string[] rows = [.. root.GetProperty("grid").EnumerateArray().Select(r => r.GetString()!)];
        Assert.Equal([" !", "!#"], rows);
        Assert.Equal("Städtle", root.GetProperty("data").GetProperty("42").GetProperty("name").GetString());
        Assert.False(root.GetProperty("data").GetProperty("42").TryGetProperty("highway", out _));
        Assert.Equal("primary", root.GetProperty("data").GetProperty("-7").GetProperty("highway").GetString());
        Assert.False(root.GetProperty("data").TryGetProperty(string.Empty, out _));
    }
}
