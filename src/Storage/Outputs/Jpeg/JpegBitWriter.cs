using System.Buffers;

namespace TileCluster.Storage.Outputs.Jpeg;

/// <summary>
/// Writes a JPEG scan's entropy-coded data: bits packed from the highest, a 0x00 stuffed after every
/// 0xFF byte. Whole bytes are taken out with <see cref="TakeBytes"/>; the bits of an unfinished
/// byte stay for the next call, so the data of several strips is one scan.
/// </summary>
internal sealed class JpegBitWriter
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1 << 16);
    private ulong _pending;
    private int _count;

    /// <summary>Appends the low <paramref name="count"/> (at most 32) bits of <paramref name="value"/>.</summary>
    public void Write(int value, int count)
    {
        _pending = (_pending << count) | ((uint)value & ((1UL << count) - 1));
        _count += count;
        while (_count >= 8)
        {
            _count -= 8;
            byte b = (byte)(_pending >> _count);
            Append(b);
            if (b == 0xFF)
            {
                Append(0);
            }
        }

        _pending &= (1UL << _count) - 1;
    }

    /// <summary>Ends the scan: the last byte is filled with 1 bits, as T.81 asks before a marker.</summary>
    public void Finish()
    {
        if (_count > 0)
        {
            Write(0xFF, 8 - _count);
        }
    }

    /// <summary>The whole bytes written since the last call.</summary>
    public byte[] TakeBytes()
    {
        byte[] bytes = _bytes.WrittenSpan.ToArray();
        _bytes.ResetWrittenCount();
        return bytes;
    }

    private void Append(byte value)
    {
        _bytes.GetSpan(1)[0] = value;
        _bytes.Advance(1);
    }
}
