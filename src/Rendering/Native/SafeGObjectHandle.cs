using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns one reference to a GObject (e.g. a <c>PangoLayout</c>), released with <c>g_object_unref</c>.</summary>
internal sealed class SafeGObjectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeGObjectHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        GObjectNative.ObjectUnref(handle);
        return true;
    }
}
