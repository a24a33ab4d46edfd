namespace TileCluster.Storage.Outputs.Jpeg;

/// <summary>Reads the bits of a JPEG scan's entropy-coded data, dropping the 0x00 stuffed after each 0xFF.</summary>
internal ref struct JpegBitReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;
    private int _byte;
    private int _bits;

    /// <summary>The next bit.</summary>
    public int ReadBit()
    {
        if (_bits == 0)
        {
            if (_position >= _data.Length)
            {
                throw new InvalidDataException("the scan's data ends in the middle of a block");
            }

            _byte = _data[_position++];
            if (_byte == 0xFF)
            {
                if (_position >= _data.Length || _data[_position] != 0)
                {
                    throw new InvalidDataException("the scan's data holds a marker in the middle of its blocks");
                }

                _position++;
            }

            _bits = 8;
        }

        _bits--;
        return (_byte >> _bits) & 1;
    }

    /// <summary>The next <paramref name="count"/> bits as an unsigned number, first bit highest.</summary>
    public int Read(int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            value = (value << 1) | ReadBit();
        }

        return value;
    }
}
