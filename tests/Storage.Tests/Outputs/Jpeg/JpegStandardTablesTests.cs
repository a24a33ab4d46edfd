using TileCluster.Storage.Outputs.Jpeg;

namespace TileCluster.Storage.Tests.Outputs.Jpeg;

public sealed class JpegStandardTablesTests
{
    public static TheoryData<string> AcTables => ["luminance", "chrominance"];

    // Every baseline AC symbol (end of block, sixteen zeros, and runs 0-15 of sizes 1-10) has a code,
    // so any strip's blocks can be written with the standard tables.
    [Theory]
    [MemberData(nameof(AcTables))]
    public void AcTable_CodesEveryBaselineSymbolOnce(string name)
    {
        var table = name == "luminance" ? JpegStandardTables.AcLuminance : JpegStandardTables.AcChrominance;
        var expected = new HashSet<byte> { 0x00, 0xF0 };
        for (int run = 0; run < 16; run++)
        {
            for (int size = 1; size <= 10; size++)
            {
                expected.Add((byte)((run << 4) | size));
            }
        }

        Assert.Equal(162, table.Symbols.Length);
        Assert.True(expected.SetEquals(table.Symbols.ToArray()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DcTable_CodesCategories0To11(bool luminance)
    {
        var table = luminance ? JpegStandardTables.DcLuminance : JpegStandardTables.DcChrominance;

        Assert.Equal(Enumerable.Range(0, 12).Select(i => (byte)i), table.Symbols.ToArray());
    }

    // Each symbol's code, written and read back through the bit writer and reader (with 0xFF
    // stuffing), decodes to that symbol.
    [Fact]
    public void EveryCode_RoundTripsThroughTheBitWriterAndReader()
    {
        var table = JpegStandardTables.AcLuminance;
        var writer = new JpegBitWriter();
        foreach (byte symbol in table.Symbols)
        {
            table.Encode(writer, symbol);
        }

        writer.Finish();
        byte[] bytes = writer.TakeBytes();
        var reader = new JpegBitReader(bytes);
        foreach (byte symbol in table.Symbols)
        {
            Assert.Equal(symbol, table.Decode(ref reader));
        }
    }
}
