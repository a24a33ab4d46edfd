using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns a libimagequant <c>liq_image</c>.</summary>
internal sealed class SafeLiqImageHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeLiqImageHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ImageQuantNative.ImageDestroy(handle);
        return true;
    }
}
