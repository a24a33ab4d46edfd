using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns a libimagequant <c>liq_attr</c>.</summary>
internal sealed class SafeLiqAttrHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeLiqAttrHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ImageQuantNative.AttrDestroy(handle);
        return true;
    }
}
