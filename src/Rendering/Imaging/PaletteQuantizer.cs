using TileCluster.Rendering.Native;

namespace TileCluster.Rendering.Imaging;

/// <summary>Reduces RGBA bitmaps to a palette of at most 256 colours with libimagequant.</summary>
internal sealed class PaletteQuantizer
{
    /// <summary>The largest palette produced.</summary>
    public const int MaxColors = 256;

    /// <summary>Creates a quantizer; immutable, so one instance may be shared by render threads.</summary>
    /// <param name="speed">libimagequant speed 1 (best) .. 10 (fastest).</param>
    /// <param name="minQuality">Minimum quality 0..100; 0 never fails.</param>
    /// <param name="maxQuality">Quality target 0..100; lower lets it use fewer colours.</param>
    /// <param name="ditheringLevel">0 (none: crisp lines, smaller files) .. 1 (full Floyd-Steinberg).</param>
    public PaletteQuantizer(int speed, int minQuality, int maxQuality, float ditheringLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(speed, 10);
        ArgumentOutOfRangeException.ThrowIfNegative(minQuality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxQuality, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minQuality, maxQuality);
        ArgumentOutOfRangeException.ThrowIfNegative(ditheringLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ditheringLevel, 1f);
        Speed = speed;
        MinQuality = minQuality;
        MaxQuality = maxQuality;
        DitheringLevel = ditheringLevel;
    }

    /// <summary>
    /// The settings used for png256 tiles: fastest speed and no dithering, which keeps map lines
    /// crisp and the tiles small (see MetatileEncoder for the measurements behind them).
    /// </summary>
    public static PaletteQuantizer Default { get; } = new(speed: 10, minQuality: 0, maxQuality: 100, ditheringLevel: 0f);

    /// <summary>libimagequant speed.</summary>
    public int Speed { get; }

    /// <summary>Minimum quality.</summary>
    public int MinQuality { get; }

    /// <summary>Target quality.</summary>
    public int MaxQuality { get; }

    /// <summary>Dithering level used when remapping.</summary>
    public float DitheringLevel { get; }

    /// <summary>
    /// Quantises straight-alpha RGBA (<paramref name="width"/> * 4 bytes per row), writes one palette
    /// index per pixel to <paramref name="indices"/> and the palette to <paramref name="palette"/>
    /// (room for <see cref="MaxColors"/>). Returns the palette size.
    /// </summary>
    public int Quantize(ReadOnlySpan<byte> rgba, int width, int height, Span<byte> indices, Span<Rgba> palette) =>
        ImageQuantNative.Quantize(rgba, width, height, Speed, MinQuality, MaxQuality, DitheringLevel, indices, palette);
}
