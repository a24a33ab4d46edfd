using System.Buffers.Binary;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Storage.Outputs.Jpeg;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// Writes one baseline JPEG to a stream as its strips arrive. Each strip comes from a silo as a
/// whole JPEG of its rows (whole MCU rows but the last), all with the same quantisation and
/// sampling; their Huffman tables differ, since the encoder optimises them per strip. The first
/// strip's headers become the image's, with the full height and the standard Huffman tables of
/// T.81 annex K. Each strip's blocks are then re-coded losslessly into that one scan: the symbols
/// and coefficient bits are the strip's, written with the standard codes, and each component's DC
/// prediction carries on from the strip above. The quantised coefficients are exactly the strips',
/// so the image decodes to their pixels; nothing is decoded to pixels or encoded again.
/// </summary>
public sealed class JpegStreamWriter(Stream output) : IStripImageWriter
{
    private readonly JpegBitWriter _bits = new();
    private int _widthPx, _heightPx, _rowsWritten, _strips;
    private byte[]? _signature;
    private int[] _predictions = [];
    private bool _lastStripWritten;

    /// <inheritdoc />
    public Task WriteHeaderAsync(int widthPx, int heightPx, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPx);
        (_widthPx, _heightPx) = (widthPx, heightPx);

        // The headers are the first strip's (its quantisation and frame), written with it.
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task WriteStripAsync(ExportStrip strip, CancellationToken cancellationToken)
    {
        if (_widthPx == 0)
        {
            throw new InvalidOperationException("WriteHeaderAsync comes before the strips");
        }

        var parts = JpegStripParts.Parse(strip.Bytes, _strips);
        Check(parts);
        if (_signature is null)
        {
            _signature = Signature(parts);
            _predictions = new int[parts.ComponentIds.Length];
            await output.WriteAsync(ImageHeaders(parts), cancellationToken);
        }
        else if (!Signature(parts).AsSpan().SequenceEqual(_signature))
        {
            throw new InvalidDataException($"strip {_strips} has other quantisation, sampling or components than the first strip, so it cannot continue its scan");
        }

        Recode(strip.Bytes, parts);
        _rowsWritten += parts.HeightPx;
        _lastStripWritten = parts.HeightPx % parts.McuHeightPx != 0 || _rowsWritten == _heightPx;
        _strips++;
        await output.WriteAsync(_bits.TakeBytes(), cancellationToken);
    }

    /// <inheritdoc />
    public async Task WriteEndAsync(CancellationToken cancellationToken)
    {
        if (_rowsWritten != _heightPx)
        {
            throw new InvalidOperationException($"the strips have {_rowsWritten} of the image's {_heightPx} rows");
        }

        _bits.Finish();
        await output.WriteAsync(_bits.TakeBytes(), cancellationToken);
        await output.WriteAsync(new byte[] { 0xFF, 0xD9 }, cancellationToken);
    }

    private void Check(JpegStripParts parts)
    {
        if (parts.WidthPx != _widthPx)
        {
            throw new InvalidDataException($"strip {_strips} is {parts.WidthPx} px wide, the image {_widthPx} px");
        }

        if (_lastStripWritten)
        {
            throw new InvalidDataException($"strip {_strips} follows the last strip (the one above ends the image or is not whole {parts.McuHeightPx}-row MCUs)");
        }

        if (_rowsWritten + parts.HeightPx > _heightPx)
        {
            throw new InvalidDataException($"strip {_strips} has {parts.HeightPx} rows, more than the image's {_heightPx - _rowsWritten} left");
        }
    }

    // What every strip must share with the first: its headers with the height left out.
    private static byte[] Signature(JpegStripParts parts)
    {
        byte[] signature = [.. parts.Headers, .. parts.ScanHeader];
        signature[parts.FrameInHeaders + 5] = signature[parts.FrameInHeaders + 6] = 0;
        return signature;
    }

    // The first strip's headers with the image's height, the standard tables (0: the first
    // component, luminance; 1: the others) and its scan header pointing at them.
    private byte[] ImageHeaders(JpegStripParts parts)
    {
        using var headers = new MemoryStream();
        byte[] frame = parts.Headers.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(parts.FrameInHeaders + 5), checked((ushort)_heightPx));
        headers.Write(frame);
        JpegStandardTables.WriteSegment(headers);
        byte[] scan = parts.ScanHeader.ToArray();
        for (int c = 0; c < parts.ComponentIds.Length; c++)
        {
            scan[6 + (2 * c)] = JpegStandardTables.Selectors(c);
        }

        headers.Write(scan);
        return headers.ToArray();
    }

    // Re-codes the strip's blocks (T.81 F.1.2 / F.2.2) into the image's scan: each block's
    // coefficients read with the strip's tables, written with the standard ones.
    private void Recode(byte[] jpeg, JpegStripParts parts)
    {
        var reader = new JpegBitReader(jpeg.AsSpan(parts.DataStart, parts.DataEnd - parts.DataStart));
        int components = parts.ComponentIds.Length;
        Span<int> stripPredictions = stackalloc int[components];
        Span<short> coefficients = stackalloc short[64];
        int mcusAcross = (parts.WidthPx + parts.McuWidthPx - 1) / parts.McuWidthPx;
        int mcusDown = (parts.HeightPx + parts.McuHeightPx - 1) / parts.McuHeightPx;
        for (int mcu = 0; mcu < mcusAcross * mcusDown; mcu++)
        {
            for (int c = 0; c < components; c++)
            {
                for (int block = 0; block < parts.Horizontal[c] * parts.Vertical[c]; block++)
                {
                    JpegBlocks.Read(ref reader, parts.DcTables[c], parts.AcTables[c], ref stripPredictions[c], coefficients);
                    JpegValues.WriteDc(_bits, JpegStandardTables.Dc(c), coefficients[0] - _predictions[c]);
                    _predictions[c] = coefficients[0];
                    JpegBlocks.WriteAc(_bits, JpegStandardTables.Ac(c), coefficients, 1, 63);
                }
            }
        }
    }
}
