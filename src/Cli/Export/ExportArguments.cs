using System.Globalization;
using TileCluster.Cli.Infrastructure;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Cli.Export;

/// <summary>
/// The options of <c>tilecluster export</c>, checked before anything is sent: a box, exactly one
/// way to size it (zoom, scale, or width and/or height), a format, and the query string of
/// <c>GET /{style}/export</c> they make. The gateway checks the rest (the style's zoom range, the
/// size limits) and says so in its answer.
/// </summary>
internal sealed record ExportArguments(
    string Style, BoundingBox Box, string? Zoom, string? Scale, int? Width, int? Height, string Format, string? Dpi, bool Scale2x, bool Attribution)
{
    /// <summary>Checks the option values; a bad one is a <see cref="UsageException"/> naming the option.</summary>
    /// <param name="output">The -o file, if given: its extension chooses the format when --format is not given.</param>
    public static ExportArguments Create(
        string style, string? bbox, string? zoom, string? scale, string? width, string? height, string? format, string? dpi, bool scale2x, bool noAttribution, string? output)
    {
        if (!LayerName.IsValid(style))
        {
            throw new UsageException($"--style '{style}' is not a layer name (1-{LayerName.MaxLength} characters of a-z, 0-9, '-', '_')");
        }

        if (bbox is null)
        {
            throw new UsageException("--bbox W,S,E,N is required");
        }

        if (!BoundingBox.TryParse(bbox, out var box, out string? error))
        {
            throw new UsageException(error!);
        }

        var given = new[] { ("--zoom", zoom), ("--scale", scale), ("--width", width ?? height) }.Where(o => o.Item2 is not null).Select(o => o.Item1).ToList();
        if (given.Count == 0)
        {
            throw new UsageException("one of --zoom, --scale or --width/--height is required");
        }

        if (given.Count > 1)
        {
            throw new UsageException($"{string.Join(" and ", given)} are exclusive: give one of --zoom, --scale or --width/--height");
        }

        if (zoom is not null && (!TryNumber(zoom, out double z) || z is < 0 or > 24))
        {
            throw new UsageException($"--zoom '{zoom}' is not a zoom (a number 0..24, fractions allowed)");
        }

        if (scale is not null && (!TryNumber(scale, out double s) || s is < 1 or > 1e9))
        {
            throw new UsageException($"--scale '{scale}' is not a scale denominator (1..1000000000, e.g. 25000 for 1:25000)");
        }

        int? widthPx = Pixels(width, "--width");
        int? heightPx = Pixels(height, "--height");
        string resolvedFormat = ResolveFormat(format, output);
        if (dpi is not null && (!TryNumber(dpi, out double d) || d is < 1 or > 2400))
        {
            throw new UsageException($"--dpi '{dpi}' is not within 1..2400");
        }

        return new ExportArguments(style, box, zoom, scale, widthPx, heightPx, resolvedFormat, dpi, scale2x, !noAttribution);
    }

    /// <summary>The request path and query: <c>/osm/export?bbox=…&amp;zoom=…&amp;format=…</c>.</summary>
    public string PathAndQuery()
    {
        var query = new List<string> { "bbox=" + Box };
        if (Zoom is not null)
        {
            query.Add("zoom=" + Uri.EscapeDataString(Zoom));
        }

        if (Scale is not null)
        {
            query.Add("scale=" + Uri.EscapeDataString(Scale));
        }

        if (Width is { } w)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"width={w}"));
        }

        if (Height is { } h)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"height={h}"));
        }

        query.Add("format=" + Format);
        if (Dpi is not null)
        {
            query.Add("dpi=" + Uri.EscapeDataString(Dpi));
        }

        if (Scale2x)
        {
            query.Add("ratio=2");
        }

        if (!Attribution)
        {
            query.Add("attribution=false");
        }

        return $"/{Style}/export?{string.Join('&', query)}";
    }

    /// <summary>
    /// --format when given (png, jpeg/jpg, pdf, svg, geotiff/tiff/tif); otherwise the -o file's
    /// extension when it names one; otherwise png.
    /// </summary>
    public static string ResolveFormat(string? format, string? output)
    {
        if (format is not null)
        {
            return Canonical(format.ToLowerInvariant())
                ?? throw new UsageException($"--format '{format}' is not one of png, jpeg, pdf, svg, geotiff");
        }

        string extension = output is null ? string.Empty : Path.GetExtension(output).TrimStart('.').ToLowerInvariant();
        return Canonical(extension) ?? "png";
    }

    /// <summary>The file extension of <see cref="Format"/>, for a file named after the box when the gateway suggests none.</summary>
    public string Extension => Format switch
    {
        "jpeg" => "jpg",
        "geotiff" => "tif",
        _ => Format,
    };

    private static string? Canonical(string name) => name switch
    {
        "png" => "png",
        "jpeg" or "jpg" => "jpeg",
        "pdf" => "pdf",
        "svg" => "svg",
        "geotiff" or "tiff" or "tif" => "geotiff",
        _ => null,
    };

    private static int? Pixels(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pixels) && pixels >= 1
            ? pixels
            : throw new UsageException($"{option} '{text}' is not a positive whole number of pixels");
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
