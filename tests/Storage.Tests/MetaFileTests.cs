using System.Text;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage;

namespace TileCluster.Storage.Tests;

public sealed class MetaFileTests
{
    [Fact]
    public void Serialize_FollowsModTileLayout_ReadIndependently()
    {
        var metatile = MetatileCoord.Containing(TileCoord.Create(14, 8619, 5767));
        var bytes = MetaFile.Serialize(metatile, Tiles(8));

        // Read back with nothing but mod_tile's documented struct meta_layout { char magic[4]; int count, x, y, z; struct entry { int offset, size; } index[64]; }.
        using var reader = new BinaryReader(new MemoryStream(bytes));
        Assert.Equal("META", Encoding.ASCII.GetString(reader.ReadBytes(4)));
        Assert.Equal(64, reader.ReadInt32());
        Assert.Equal(8616, reader.ReadInt32());
        Assert.Equal(5760, reader.ReadInt32());
        Assert.Equal(14, reader.ReadInt32());
        var entries = new (int Offset, int Size)[64];
        for (int i = 0; i < 64; i++)
        {
            entries[i] = (reader.ReadInt32(), reader.ReadInt32());
        }

        Assert.Equal(532, entries[0].Offset);
        for (int dx = 0; dx < 8; dx++)
        {
            for (int dy = 0; dy < 8; dy++)
            {
                var (offset, size) = entries[(dx * 8) + dy];
                Assert.Equal(TileContent(dx, dy), Encoding.ASCII.GetString(bytes, offset, size));
            }
        }

        Assert.Equal(bytes.Length, entries[63].Offset + entries[63].Size);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    public void Serialize_SmallMetatile_KeepsSixtyFourEntries_UnusedEmpty(int z, int tilesPerSide)
    {
        var metatile = MetatileCoord.Containing(TileCoord.Create(z, 0, 0));
        var bytes = MetaFile.Serialize(metatile, Tiles(tilesPerSide));
        int used = 0;
        for (int i = 0; i < 64; i++)
        {
            int size = BitConverter.ToInt32(bytes, 20 + (i * 8) + 4);
            used += size > 0 ? 1 : 0;
        }

        Assert.Equal(tilesPerSide * tilesPerSide, used);
    }

    [Fact]
    public void TryLocate_EveryTile_FindsItsBytes()
    {
        var metatile = MetatileCoord.Containing(TileCoord.Create(16, 34479, 23069));
        var bytes = MetaFile.Serialize(metatile, Tiles(8));
        for (int dx = 0; dx < 8; dx++)
        {
            for (int dy = 0; dy < 8; dy++)
            {
                Assert.True(MetaFile.TryLocate(bytes, metatile, metatile.TileAt(dx, dy), bytes.Length, out int offset, out int size));
                Assert.Equal(TileContent(dx, dy), Encoding.ASCII.GetString(bytes, offset, size));
            }
        }
    }

    [Fact]
    public void TryLocate_AnEmptyTile_IsFoundEmpty_WhileAnUnusedEntryIsNoTile()
    {
        var metatile = MetatileCoord.Containing(TileCoord.Create(2, 0, 0));
        var tiles = new byte[16][];
        for (int i = 0; i < tiles.Length; i++)
        {
            tiles[i] = i == 5 ? [] : Encoding.ASCII.GetBytes($"tile {i}");
        }

        var bytes = MetaFile.Serialize(metatile, new RenderedMetatile(4, tiles));

        Assert.True(MetaFile.TryLocate(bytes, metatile, metatile.TileAt(1, 1), bytes.Length, out _, out int size));
        Assert.Equal(0, size);
        Assert.True(MetaFile.TryLocate(bytes, metatile, metatile.TileAt(1, 2), bytes.Length, out int offset, out size));
        Assert.Equal("tile 6", Encoding.ASCII.GetString(bytes, offset, size));

        var world = MetatileCoord.Containing(TileCoord.Create(0, 0, 0));
        var one = MetaFile.Serialize(world, new RenderedMetatile(1, [[1, 2, 3]]));
        Assert.False(MetaFile.TryLocate(one, world, TileCoord.Create(3, 1, 1), one.Length, out _, out _));
    }

    [Fact]
    public void TryLocate_WrongMetatileOrCorruptHeader_IsFalse()
    {
        var metatile = MetatileCoord.Containing(TileCoord.Create(14, 8619, 5767));
        var other = MetatileCoord.Containing(TileCoord.Create(14, 8600, 5767));
        var bytes = MetaFile.Serialize(metatile, Tiles(8));
        Assert.False(MetaFile.TryLocate(bytes, other, other.TileAt(0, 0), bytes.Length, out _, out _));
        Assert.False(MetaFile.TryLocate(bytes, metatile, metatile.TileAt(7, 7), bytes.Length - 1, out _, out _));
        bytes[0] = (byte)'X';
        Assert.False(MetaFile.TryLocate(bytes, metatile, metatile.TileAt(0, 0), bytes.Length, out _, out _));
    }

    internal static RenderedMetatile Tiles(int tilesPerSide)
    {
        var tiles = new byte[tilesPerSide * tilesPerSide][];
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                tiles[(dx * tilesPerSide) + dy] = Encoding.ASCII.GetBytes(TileContent(dx, dy));
            }
        }

        return new RenderedMetatile(tilesPerSide, tiles);
    }

    private static string TileContent(int dx, int dy) => $"tile {dx},{dy}" + new string('.', (dx * 3) + dy);
}
