namespace TileCluster.Rendering.Data;

/// <summary>
/// Decoded geometry of many features in flat, reusable arrays: interleaved x,y device-pixel
/// coordinates and part start offsets. Growing only, so steady-state renders allocate nothing.
/// </summary>
internal sealed class GeometryBuffer
{
    private double[] _coords = new double[4096];
    private int[] _partStarts = new int[257];
    private PartKind[] _partKinds = new PartKind[256];
    private int _pointCount;
    private int _partCount;
    private bool _inPart;

    /// <summary>Number of finished parts.</summary>
    public int PartCount => _partCount;

    /// <summary>Number of points in finished and open parts.</summary>
    public int PointCount => _pointCount;

    /// <summary>Interleaved coordinates of all points.</summary>
    public ReadOnlySpan<double> Coords => _coords.AsSpan(0, _pointCount * 2);

    /// <summary>Forgets everything, keeping the arrays.</summary>
    public void Clear()
    {
        _pointCount = 0;
        _partCount = 0;
        _inPart = false;
    }

    /// <summary>The kind of <paramref name="part"/>.</summary>
    public PartKind KindOf(int part) => _partKinds[part];

    /// <summary>The coordinates of <paramref name="part"/> (x0, y0, x1, y1, ...).</summary>
    public ReadOnlySpan<double> PointsOf(int part)
    {
        int start = _partStarts[part];
        return _coords.AsSpan(start * 2, (_partStarts[part + 1] - start) * 2);
    }

    /// <summary>Starts a part; points added until <see cref="EndPart"/> belong to it.</summary>
    public void BeginPart()
    {
        if (_inPart)
        {
            throw new InvalidOperationException("a part is already open");
        }

        _inPart = true;
        _partStarts[_partCount] = _pointCount;
    }

    /// <summary>Appends a point to the open part.</summary>
    public void Add(double x, double y)
    {
        if ((_pointCount * 2) + 2 > _coords.Length)
        {
            Array.Resize(ref _coords, _coords.Length * 2);
        }

        _coords[_pointCount * 2] = x;
        _coords[(_pointCount * 2) + 1] = y;
        _pointCount++;
    }

    /// <summary>Closes the open part; parts too short for their kind are dropped.</summary>
    public void EndPart(PartKind kind)
    {
        _inPart = false;
        int start = _partStarts[_partCount];
        int needed = kind switch { PartKind.Point => 1, PartKind.Line => 2, _ => 3 };
        if (_pointCount - start < needed)
        {
            _pointCount = start;
            return;
        }

        if (_partCount == _partKinds.Length)
        {
            // Kinds hold one entry per part, starts one more (the end sentinel).
            Array.Resize(ref _partKinds, _partKinds.Length * 2);
            Array.Resize(ref _partStarts, _partKinds.Length + 1);
        }

        _partKinds[_partCount] = kind;
        _partCount++;
        _partStarts[_partCount] = _pointCount;
    }
}
