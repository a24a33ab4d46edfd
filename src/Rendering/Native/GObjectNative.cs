using System.Runtime.InteropServices;

namespace TileCluster.Rendering.Native;

/// <summary>GObject reference counting, used to release Pango objects.</summary>
internal static partial class GObjectNative
{
    private const string Lib = "libgobject-2.0.so.0";

    [LibraryImport(Lib, EntryPoint = "g_object_unref")]
    public static partial void ObjectUnref(IntPtr obj);
}
