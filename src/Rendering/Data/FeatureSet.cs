namespace TileCluster.Rendering.Data;

/// <summary>
/// The features one layer query returned, in query order: their parts in a shared
/// <see cref="GeometryBuffer"/>, their text columns, OSM ids and matched rule. Reused per layer.
/// </summary>
internal sealed class FeatureSet
{
    private int[] _firstPart = new int[257];
    private long[] _osmIds = new long[256];
    private int[] _rules = new int[256];
    private string?[] _values = new string?[1024];
    private int _columnCount;
    private int _count;

    /// <summary>All features' geometry.</summary>
    public GeometryBuffer Geometry { get; } = new();

    /// <summary>Number of features.</summary>
    public int Count => _count;

    /// <summary>Columns per feature.</summary>
    public int ColumnCount => _columnCount;

    /// <summary>Empties the set for a query with <paramref name="columnCount"/> columns.</summary>
    public void Reset(int columnCount)
    {
        Geometry.Clear();
        Array.Clear(_values, 0, Math.Min(_values.Length, _count * _columnCount));
        _columnCount = columnCount;
        _count = 0;
        _firstPart[0] = 0;
    }

    /// <summary>Adds a feature whose parts are everything added to <see cref="Geometry"/> since the previous one.</summary>
    /// <returns>Its index, for <see cref="SetValue"/> and <see cref="SetRule"/>.</returns>
    public int Add(long osmId)
    {
        if (_count + 2 > _firstPart.Length)
        {
            int size = _firstPart.Length * 2;
            Array.Resize(ref _firstPart, size);
            Array.Resize(ref _osmIds, size);
            Array.Resize(ref _rules, size);
        }

        if ((_count + 1) * _columnCount > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_values.Length * 2, (_count + 1) * _columnCount));
        }

        int index = _count++;
        _osmIds[index] = osmId;
        _rules[index] = -1;
        _firstPart[_count] = Geometry.PartCount;
        return index;
    }

    /// <summary>Sets column <paramref name="column"/> of <paramref name="feature"/>.</summary>
    public void SetValue(int feature, int column, string? value) => _values[(feature * _columnCount) + column] = value;

    /// <summary>Column <paramref name="column"/> of <paramref name="feature"/>.</summary>
    public string? Value(int feature, int column) => _values[(feature * _columnCount) + column];

    /// <summary>The OSM id of <paramref name="feature"/>.</summary>
    public long OsmId(int feature) => _osmIds[feature];

    /// <summary>Records the rule that draws <paramref name="feature"/>.</summary>
    public void SetRule(int feature, int rule) => _rules[feature] = rule;

    /// <summary>The rule that draws <paramref name="feature"/>, or -1.</summary>
    public int Rule(int feature) => _rules[feature];

    /// <summary>The first part of <paramref name="feature"/>.</summary>
    public int FirstPart(int feature) => _firstPart[feature];

    /// <summary>One past the last part of <paramref name="feature"/>.</summary>
    public int EndPart(int feature) => _firstPart[feature + 1];
}
