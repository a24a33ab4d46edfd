using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns a libimagequant <c>liq_result</c>.</summary>
internal sealed class SafeLiqResultHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeLiqResultHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ImageQuantNative.ResultDestroy(handle);
        return true;
    }
}
