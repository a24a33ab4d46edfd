using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns one reference to a <c>cairo_t</c>.</summary>
internal sealed class SafeCairoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeCairoHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CairoNative.Destroy(handle);
        return true;
    }
}
