using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TileCluster.Rendering.Native;

/// <summary>Decodes PNG bytes with Cairo's stream reader (which handles every PNG colour type).</summary>
internal static unsafe partial class CairoPngReader
{
    private const string Lib = "libcairo.so.2";

    /// <summary>
    /// An image surface (ARGB32 or RGB24) holding the decoded PNG. Throws when Cairo rejects the data.
    /// </summary>
    public static SafeCairoSurfaceHandle Decode(ReadOnlySpan<byte> png)
    {
        fixed (byte* data = png)
        {
            // The cursor lives on this stack frame; Cairo only calls back during the create call.
            var cursor = new ReadCursor { Next = data, Remaining = png.Length };
            SafeCairoSurfaceHandle surface = CreateFromPngStream(&Read, &cursor);
            int status = CairoNative.SurfaceStatus(surface);
            if (status != CairoNative.StatusSuccess)
            {
                surface.Dispose();
                throw new InvalidDataException($"invalid PNG: {CairoNative.StatusToString(status)}");
            }

            return surface;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(void* closure, byte* buffer, uint length)
    {
        var cursor = (ReadCursor*)closure;
        if (length > cursor->Remaining)
        {
            return CairoNative.StatusReadError;
        }

        Buffer.MemoryCopy(cursor->Next, buffer, length, length);
        cursor->Next += length;
        cursor->Remaining -= length;
        return CairoNative.StatusSuccess;
    }

    [LibraryImport(Lib, EntryPoint = "cairo_image_surface_create_from_png_stream")]
    private static partial SafeCairoSurfaceHandle CreateFromPngStream(delegate* unmanaged[Cdecl]<void*, byte*, uint, int> readFunc, void* closure);

    [StructLayout(LayoutKind.Sequential)]
    private struct ReadCursor
    {
        public byte* Next;
        public long Remaining;
    }
}
