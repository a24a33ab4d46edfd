using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace TileCluster.Rendering.UtfGrid;

/// <summary>
/// Writes one UTFGrid 1.3 tile (https://github.com/mapbox/utfgrid-spec/blob/master/1.3/utfgrid.md):
/// <c>grid</c> rows of code points, each the index of its key, <c>keys</c>, and <c>data</c> by key.
/// Key 0 is <c>""</c>, no feature. Index <c>i</c> is code point <c>i + 32</c>, stepping over
/// <c>"</c> (34) and <c>\</c> (92) so that no row needs escaping.
/// </summary>
internal static class UtfGridWriter
{
    // Every code point as itself (ASCII's HTML-sensitive few escaped as \u00XX, which is the same JSON).
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The code point of key index <paramref name="index"/>.</summary>
    public static int Encode(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        int code = index + 32;
        if (code >= 34)
        {
            code++;
        }

        if (code >= 92)
        {
            code++;
        }

        return code;
    }

    /// <summary>The key index of code point <paramref name="code"/> (the spec's decoding).</summary>
    public static int Decode(int code)
    {
        if (code >= 93)
        {
            code--;
        }

        if (code >= 35)
        {
            code--;
        }

        return code - 32;
    }

    /// <summary>
    /// The JSON of a <paramref name="side"/> × <paramref name="side"/> grid whose cells hold
    /// feature numbers (0: none, <c>n</c>: <paramref name="features"/>[n - 1]), row by row from
    /// the north-west. Null field values are left out of <c>data</c>; features that share a key
    /// share an index and the first one's data.
    /// </summary>
    public static byte[] Write(ReadOnlySpan<int> cells, int side, IReadOnlyList<GridFeature> features)
    {
        var keys = new List<string> { string.Empty };
        var firstFeature = new List<int> { 0 };
        var indexOfKey = new Dictionary<string, int>(StringComparer.Ordinal) { [string.Empty] = 0 };
        var indexOfFeature = new Dictionary<int, int> { [0] = 0 };
        var row = new char[side * 2];
        var rows = new string[side];
        for (int y = 0; y < side; y++)
        {
            int length = 0;
            for (int x = 0; x < side; x++)
            {
                int feature = cells[(y * side) + x];
                if (!indexOfFeature.TryGetValue(feature, out int index))
                {
                    string key = features[feature - 1].Key;
                    if (!indexOfKey.TryGetValue(key, out index))
                    {
                        index = keys.Count;
                        keys.Add(key);
                        firstFeature.Add(feature);
                        indexOfKey.Add(key, index);
                    }

                    indexOfFeature.Add(feature, index);
                }

                length += new Rune(Encode(index)).EncodeToUtf16(row.AsSpan(length));
            }

            rows[y] = new string(row, 0, length);
        }

        var output = new ArrayBufferWriter<byte>(side * side * 2);
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("grid");
            foreach (string text in rows)
            {
                json.WriteStringValue(text);
            }

            json.WriteEndArray();
            json.WriteStartArray("keys");
            foreach (string key in keys)
            {
                json.WriteStringValue(key);
            }

            json.WriteEndArray();
            json.WriteStartObject("data");
            for (int i = 1; i < keys.Count; i++)
            {
                json.WriteStartObject(keys[i]);
                foreach (var (field, value) in features[firstFeature[i] - 1].Data)
                {
                    if (value is not null)
                    {
                        json.WriteString(field, value);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }
}
