using System.Text;
using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Grains.Tests.Export;

public sealed class Adler32Tests
{
    [Theory]
    [InlineData("", 0x00000001u)]
    [InlineData("a", 0x00620062u)]
    [InlineData("abc", 0x024d0127u)]
    [InlineData("Wikipedia", 0x11e60398u)]
    [InlineData("message digest", 0x29750586u)]
    public void Update_KnownInputs_GiveTheRfc1950Checksum(string text, uint expected) =>
        Assert.Equal(expected, Adler32.Update(Adler32.Initial, Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(1, 1)]
    [InlineData(100, 65520)]
    [InlineData(65521, 65521)]
    [InlineData(70000, 200000)]
    [InlineData(333, 1_000_003)]
    public void Combine_TwoParts_EqualsTheChecksumOfBoth(int firstLength, int secondLength)
    {
        // Bytes that are mostly 0xFF push both sums towards their modulus, where mistakes show.
        byte[] data = new byte[firstLength + secondLength];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i % 7 == 0 ? (byte)(i * 31) : (byte)0xFF;
        }

        uint first = Adler32.Update(Adler32.Initial, data.AsSpan(0, firstLength));
        uint second = Adler32.Update(Adler32.Initial, data.AsSpan(firstLength));

        Assert.Equal(Adler32.Update(Adler32.Initial, data), Adler32.Combine(first, second, secondLength));
    }
}
