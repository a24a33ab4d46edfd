using System.Runtime.InteropServices;

namespace TileCluster.Rendering.Native;

/// <summary>A <c>PangoRectangle</c>, in Pango units (1/1024 px).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PangoRectangle
{
    /// <summary>Left edge.</summary>
    public int X;

    /// <summary>Top edge.</summary>
    public int Y;

    /// <summary>Width.</summary>
    public int Width;

    /// <summary>Height.</summary>
    public int Height;
}
