using TileCluster.Rendering.Data;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering;

/// <summary>
/// A layer compiled for one zoom: its query, the rules active there, and the result-column
/// index of everything the rules read, so matching a feature is array lookups only.
/// </summary>
internal sealed class LayerPlan
{
    private readonly int[][] _conditionColumns;
    private readonly int _zoom;
    private LayerSymbols?[] _symbols = new LayerSymbols?[3];

    private LayerPlan(StyleLayer layer, int layerIndex, int zoom, LayerQuery query, double minAreaMetres, int[] rules, int[][] conditionColumns, int[] textColumns, int[] sortColumns)
    {
        Layer = layer;
        LayerIndex = layerIndex;
        _zoom = zoom;
        Query = query;
        MinAreaMetres = minAreaMetres;
        Rules = rules;
        _conditionColumns = conditionColumns;
        TextColumns = textColumns;
        SortColumns = sortColumns;
        HasLabels = Array.FindIndex(textColumns, static c => c >= 0) >= 0;
    }

    /// <summary>The layer.</summary>
    public StyleLayer Layer { get; }

    /// <summary>Its position in the style.</summary>
    public int LayerIndex { get; }

    /// <summary>The SQL to run.</summary>
    public LayerQuery Query { get; }

    /// <summary>The min-area filter in m² at this zoom.</summary>
    public double MinAreaMetres { get; }

    /// <summary>Indices into <see cref="StyleLayer.Rules"/> of the rules active at this zoom, in order.</summary>
    public int[] Rules { get; }

    /// <summary>Per active rule: the column holding the label text, or -1.</summary>
    public int[] TextColumns { get; }

    /// <summary>Some active rule labels features (an export's label pass queries only such layers).</summary>
    public bool HasLabels { get; }

    /// <summary>Per active rule: the column holding the label sort value, or -1.</summary>
    public int[] SortColumns { get; }

    /// <summary>Compiles <paramref name="layer"/> for <paramref name="zoom"/>; null when it draws nothing there.</summary>
    public static LayerPlan? Create(StyleLayer layer, int layerIndex, int zoom)
    {
        var query = LayerQueryBuilder.Build(layer, zoom);
        if (query is null)
        {
            return null;
        }

        var rules = new List<int>();
        for (int i = 0; i < layer.Rules.Length; i++)
        {
            if (layer.Rules[i].AppliesAt(zoom))
            {
                rules.Add(i);
            }
        }

        var conditionColumns = new int[rules.Count][];
        var textColumns = new int[rules.Count];
        var sortColumns = new int[rules.Count];
        for (int r = 0; r < rules.Count; r++)
        {
            var rule = layer.Rules[rules[r]];
            conditionColumns[r] = new int[rule.Conditions.Length];
            for (int c = 0; c < rule.Conditions.Length; c++)
            {
                conditionColumns[r][c] = query.Columns.IndexOf(rule.Conditions[c].Column);
            }

            textColumns[r] = rule.Text is { } text ? query.Columns.IndexOf(text.Column) : -1;
            sortColumns[r] = rule.Text?.SortBy is { } sortBy ? query.Columns.IndexOf(sortBy) : -1;
        }

        double minArea = layer.MinAreaPx > 0 ? LayerQueryBuilder.MinAreaMetres(layer.MinAreaPx, zoom) : 0;
        return new LayerPlan(layer, layerIndex, zoom, query, minArea, [.. rules], conditionColumns, textColumns, sortColumns);
    }

    /// <summary>The stroke and text styles of the active rules at render <paramref name="scale"/>, built on first use.</summary>
    public LayerSymbols SymbolsAt(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (scale >= _symbols.Length)
        {
            Array.Resize(ref _symbols, scale + 1);
        }

        return _symbols[scale] ??= LayerSymbols.Create(Layer, Rules, _zoom, scale);
    }

    /// <summary>The position in <see cref="Rules"/> of the first rule matching <paramref name="feature"/>, or -1.</summary>
    public int Match(FeatureSet features, int feature)
    {
        for (int r = 0; r < Rules.Length; r++)
        {
            var conditions = Layer.Rules[Rules[r]].Conditions;
            int[] columns = _conditionColumns[r];
            bool matches = true;
            for (int c = 0; c < columns.Length && matches; c++)
            {
                matches = conditions[c].Matches(features.Value(feature, columns[c]));
            }

            if (matches)
            {
                return r;
            }
        }

        return -1;
    }
}
