using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>Checks the <c>Styles</c> section; every message names the setting.</summary>
public sealed class StylesOptionsValidator : IValidateOptions<StylesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StylesOptions options)
    {
        var errors = new List<string>();
        if (options.Styles.Count == 0)
        {
            errors.Add("Styles: at least one style must be configured");
        }

        foreach (var (styleName, style) in options.Styles)
        {
            string at = $"Styles:{styleName}";
            if (!StyleName.IsValid(styleName))
            {
                errors.Add($"{at}: the style name must be 1-{StyleName.MaxLength} characters of a-z, 0-9, '-' or '_'");
            }

            if (string.IsNullOrWhiteSpace(style.File))
            {
                errors.Add($"{at}:File is required");
            }
            else if (!File.Exists(options.ResolveFile(style)))
            {
                errors.Add($"{at}:File: '{options.ResolveFile(style)}' does not exist");
            }

            if (style.MinZoom is < 0 or > TileCoord.MaxSupportedZoom)
            {
                errors.Add($"{at}:MinZoom: {style.MinZoom} is outside 0..{TileCoord.MaxSupportedZoom}");
            }

            if (style.MaxZoom is < 0 or > TileCoord.MaxSupportedZoom)
            {
                errors.Add($"{at}:MaxZoom: {style.MaxZoom} is outside 0..{TileCoord.MaxSupportedZoom}");
            }

            if (style.MinZoom > style.MaxZoom)
            {
                errors.Add($"{at}:MinZoom: {style.MinZoom} is above MaxZoom {style.MaxZoom}");
            }

            if (style.Bounds is { } bounds)
            {
                ValidateBounds(at, bounds, errors);
            }

            if (style.Center is { } center && (center.Length != 3 || center[0] is < -180 or > 180 || center[1] is < -85.0511 or > 85.0511 || center[2] < style.MinZoom || center[2] > style.MaxZoom))
            {
                errors.Add($"{at}:Center: must be [longitude, latitude, zoom] with the zoom inside MinZoom..MaxZoom");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateBounds(string at, double[] bounds, List<string> errors)
    {
        if (bounds.Length != 4)
        {
            errors.Add($"{at}:Bounds: must be [west, south, east, north], got {bounds.Length} numbers");
            return;
        }

        if (bounds[0] is < -180 or > 180 || bounds[2] is < -180 or > 180 || bounds[0] >= bounds[2])
        {
            errors.Add($"{at}:Bounds: west/east must be within -180..180 with west < east");
        }

        if (bounds[1] is < -85.0511 or > 85.0511 || bounds[3] is < -85.0511 or > 85.0511 || bounds[1] >= bounds[3])
        {
            errors.Add($"{at}:Bounds: south/north must be within -85.0511..85.0511 with south < north");
        }
    }
}
