using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns a <c>PangoFontDescription</c>.</summary>
internal sealed class SafePangoFontDescriptionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafePangoFontDescriptionHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        PangoNative.FontDescriptionFree(handle);
        return true;
    }
}
