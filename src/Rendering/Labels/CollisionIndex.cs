namespace TileCluster.Rendering.Labels;

/// <summary>
/// The boxes of placed labels, bucketed in a uniform grid so a collision test only looks at
/// nearby boxes. Placement is all-or-nothing per label (<see cref="TryInsert"/>), and only
/// labels fully inside <see cref="Bounds"/> are accepted, so no label is ever cut at a metatile
/// edge. Reused across renders.
/// </summary>
internal sealed class CollisionIndex
{
    private const double CellSize = 64;

    private readonly List<LabelBox> _boxes = [];
    private List<int>[] _cells = [];
    private int _columns;
    private int _rows;

    /// <summary>The area labels must stay inside (the metatile without its buffer).</summary>
    public LabelBox Bounds { get; private set; }

    /// <summary>Number of boxes placed.</summary>
    public int Count => _boxes.Count;

    /// <summary>Empties the index and sets the area labels must stay inside.</summary>
    public void Reset(LabelBox bounds)
    {
        Bounds = bounds;
        _boxes.Clear();
        _columns = Math.Max(1, (int)Math.Ceiling((bounds.MaxX - bounds.MinX) / CellSize));
        _rows = Math.Max(1, (int)Math.Ceiling((bounds.MaxY - bounds.MinY) / CellSize));
        int cells = _columns * _rows;
        if (_cells.Length < cells)
        {
            Array.Resize(ref _cells, cells);
        }

        for (int i = 0; i < _cells.Length; i++)
        {
            (_cells[i] ??= []).Clear();
        }
    }

    /// <summary>Places every box of one label, or none when any leaves the bounds or overlaps a placed box.</summary>
    public bool TryInsert(ReadOnlySpan<LabelBox> boxes)
    {
        if (boxes.IsEmpty)
        {
            return false;
        }

        foreach (ref readonly var box in boxes)
        {
            if (!box.IsInside(Bounds) || Collides(box))
            {
                return false;
            }
        }

        foreach (ref readonly var box in boxes)
        {
            int index = _boxes.Count;
            _boxes.Add(box);
            CellRange(box, out int c0, out int r0, out int c1, out int r1);
            for (int r = r0; r <= r1; r++)
            {
                for (int c = c0; c <= c1; c++)
                {
                    _cells[(r * _columns) + c].Add(index);
                }
            }
        }

        return true;
    }

    private bool Collides(in LabelBox box)
    {
        CellRange(box, out int c0, out int r0, out int c1, out int r1);
        for (int r = r0; r <= r1; r++)
        {
            for (int c = c0; c <= c1; c++)
            {
                foreach (int index in _cells[(r * _columns) + c])
                {
                    if (_boxes[index].Intersects(box))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private void CellRange(in LabelBox box, out int c0, out int r0, out int c1, out int r1)
    {
        c0 = Math.Clamp((int)((box.MinX - Bounds.MinX) / CellSize), 0, _columns - 1);
        c1 = Math.Clamp((int)((box.MaxX - Bounds.MinX) / CellSize), 0, _columns - 1);
        r0 = Math.Clamp((int)((box.MinY - Bounds.MinY) / CellSize), 0, _rows - 1);
        r1 = Math.Clamp((int)((box.MaxY - Bounds.MinY) / CellSize), 0, _rows - 1);
    }
}
