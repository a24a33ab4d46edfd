using Microsoft.Win32.SafeHandles;

namespace TileCluster.Rendering.Native;

/// <summary>Owns a <c>cairo_font_options_t</c>.</summary>
internal sealed class SafeCairoFontOptionsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeCairoFontOptionsHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CairoNative.FontOptionsDestroy(handle);
        return true;
    }
}
