namespace TileCluster.Storage.Outputs.Jpeg;

/// <summary>
/// One JPEG Huffman table (ITU T.81 annex C): the canonical codes built from the count of codes of
/// each length 1-16 and the symbols in code order, for decoding (annex F.2.2.3) and encoding.
/// </summary>
internal sealed class JpegHuffmanTable
{
    private readonly byte[] _symbols;
    private readonly int[] _minCode = new int[17];
    private readonly int[] _maxCode = new int[17];
    private readonly int[] _firstSymbol = new int[17];
    private readonly ushort[] _code = new ushort[256];
    private readonly byte[] _length = new byte[256];

    /// <summary>Builds the table; <paramref name="counts"/> has 16 entries (codes of length 1 to 16).</summary>
    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        if (counts.Length != 16)
        {
            throw new ArgumentException("a Huffman table has 16 code counts", nameof(counts));
        }

        int total = 0;
        foreach (byte count in counts)
        {
            total += count;
        }

        if (total != symbols.Length || total > 256)
        {
            throw new InvalidDataException($"a Huffman table counts {total} codes but lists {symbols.Length} symbols");
        }

        Counts = counts.ToArray();
        _symbols = symbols.ToArray();
        int code = 0, k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int n = counts[length - 1];
            _firstSymbol[length] = k;
            _minCode[length] = code;
            _maxCode[length] = n > 0 ? code + n - 1 : -1;
            for (int i = 0; i < n; i++, k++, code++)
            {
                _code[_symbols[k]] = (ushort)code;
                _length[_symbols[k]] = (byte)length;
            }

            if (code > 1 << length)
            {
                throw new InvalidDataException("a Huffman table has more codes of some length than fit");
            }

            code <<= 1;
        }
    }

    /// <summary>The number of codes of each length 1-16, as a DHT segment lists them.</summary>
    public byte[] Counts { get; }

    /// <summary>The symbols in code order, as a DHT segment lists them.</summary>
    public ReadOnlySpan<byte> Symbols => _symbols;

    /// <summary>Reads one code from <paramref name="reader"/> and answers its symbol.</summary>
    public int Decode(ref JpegBitReader reader)
    {
        int code = 0;
        for (int length = 1; length <= 16; length++)
        {
            code = (code << 1) | reader.ReadBit();
            if (code <= _maxCode[length])
            {
                return _symbols[_firstSymbol[length] + code - _minCode[length]];
            }
        }

        throw new InvalidDataException("the scan holds a code that is not in its Huffman table");
    }

    /// <summary>Writes the code of <paramref name="symbol"/>.</summary>
    public void Encode(JpegBitWriter writer, int symbol)
    {
        int length = _length[symbol];
        if (length == 0)
        {
            throw new InvalidDataException($"symbol 0x{symbol:X2} has no code in the table");
        }

        writer.Write(_code[symbol], length);
    }
}
