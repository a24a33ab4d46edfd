using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns a libimagequant <c>liq_histogram</c>.</summary>
internal sealed class SafeLiqHistogramHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeLiqHistogramHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ImageQuantNative.HistogramDestroy(handle);
        return true;
    }
}
