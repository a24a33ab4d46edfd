using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns one reference to a <c>cairo_surface_t</c>.</summary>
internal sealed class SafeCairoSurfaceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeCairoSurfaceHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CairoNative.SurfaceDestroy(handle);
        return true;
    }
}
