using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using TileCluster.Grains.Abstractions.Export;
using Adler32 = TileCluster.Grains.Abstractions.Export.Adler32;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// Writes a PNG (8-bit RGBA) to a stream as its strips arrive: the signature and IHDR first, then
/// one IDAT chunk per strip (the first opens the zlib stream), then the end of the zlib stream with
/// the Adler-32 combined from the strips' own, and IEND. The silos deflate the strips; this only
/// frames them, so it holds no pixels.
/// </summary>
public sealed class PngStreamWriter(Stream output) : IStripImageWriter
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    // zlib header: deflate with a 32 KiB window, default level (0x789C is a multiple of 31).
    private static readonly byte[] ZlibHeader = [0x78, 0x9C];

    // An empty final block with fixed Huffman codes: ends the deflate stream the strips continue.
    private static readonly byte[] FinalBlock = [0x03, 0x00];

    private uint _adler = Adler32.Initial;
    private bool _streamOpen;

    /// <summary>Writes the signature and the IHDR chunk of a <paramref name="widthPx"/> x <paramref name="heightPx"/> RGBA image.</summary>
    public async Task WriteHeaderAsync(int widthPx, int heightPx, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Signature, cancellationToken);
        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, widthPx);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), heightPx);
        ihdr[8] = 8; // bits per sample
        ihdr[9] = 6; // colour type: RGBA; compression, filter method and interlace stay 0
        await WriteChunkAsync("IHDR", ihdr, [], cancellationToken);
    }

    /// <summary>Writes the next strip (in order from the top) as one IDAT chunk.</summary>
    public async Task WriteStripAsync(ExportStrip strip, CancellationToken cancellationToken)
    {
        byte[] prefix = _streamOpen ? [] : ZlibHeader;
        _streamOpen = true;
        await WriteChunkAsync("IDAT", prefix, strip.Bytes, cancellationToken);
        _adler = Adler32.Combine(_adler, strip.Adler32, strip.RawLength);
    }

    /// <summary>Ends the zlib stream (final block and checksum) and writes IEND.</summary>
    public async Task WriteEndAsync(CancellationToken cancellationToken)
    {
        byte[] end = new byte[FinalBlock.Length + 4];
        FinalBlock.CopyTo(end, 0);
        BinaryPrimitives.WriteUInt32BigEndian(end.AsSpan(FinalBlock.Length), _adler);
        await WriteChunkAsync("IDAT", end, [], cancellationToken);
        await WriteChunkAsync("IEND", [], [], cancellationToken);
    }

    private async Task WriteChunkAsync(string type, byte[] prefix, byte[] data, CancellationToken cancellationToken)
    {
        byte[] head = new byte[8 + prefix.Length], tail = new byte[4];
        var crc = new Crc32();
        BinaryPrimitives.WriteInt32BigEndian(head, checked(prefix.Length + data.Length));
        Encoding.ASCII.GetBytes(type, head.AsSpan(4, 4));
        prefix.CopyTo(head, 8);
        crc.Append(head.AsSpan(4));
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc.GetCurrentHashAsUInt32());
        await output.WriteAsync(head, cancellationToken);
        await output.WriteAsync(data, cancellationToken);
        await output.WriteAsync(tail, cancellationToken);
    }
}
