using System.CommandLine;
using System.Globalization;
using TileCluster.Cli.Expire;
using TileCluster.Cli.Infrastructure;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Cli.Commands;

/// <summary>Where and how expire lists are posted, resolved from the options.</summary>
/// <param name="Gateway">The gateway's base URL.</param>
/// <param name="Token">The admin token, or null.</param>
/// <param name="Query">The query parameters.</param>
/// <param name="ChunkLines">Lines per post.</param>
public sealed record GatewaySettings(Uri Gateway, string? Token, ExpireQuery Query, int ChunkLines);

/// <summary>The options <c>expire</c> and <c>replicate</c> share for posting to the gateway.</summary>
public sealed class GatewayOptions
{
    /// <summary>The default gateway when neither --gateway nor TILECLUSTER_GATEWAY is given.</summary>
    public const string DefaultGateway = "http://127.0.0.1:8080";

    private readonly bool _waitHotByDefault;

    /// <summary>Creates the options; <paramref name="waitHotByDefault"/> is replicate's default.</summary>
    public GatewayOptions(bool waitHotByDefault)
    {
        _waitHotByDefault = waitHotByDefault;
        WaitHot = new Option<bool>("--wait-hot")
        {
            Description = waitHotByDefault
                ? "Post with wait=hot: the gateway answers once the hot zooms are re-rendered, so that time is measured (on by default; --wait-hot false turns it off)"
                : "Post with wait=hot: the gateway answers once the hot zooms are re-rendered",
            DefaultValueFactory = _ => waitHotByDefault,
        };
    }

    /// <summary>--gateway URL.</summary>
    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"The gateway's base URL [default: $TILECLUSTER_GATEWAY, else {DefaultGateway}]",
        HelpName = "URL",
    };

    /// <summary>--token TOKEN.</summary>
    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The admin token (Admin:Token of the gateway) [default: $TILECLUSTER_ADMIN_TOKEN]",
        HelpName = "TOKEN",
    };

    /// <summary>--style NAME (repeatable).</summary>
    public Option<string[]> Style { get; } = new("--style")
    {
        Description = "Expire only this style (repeatable) [default: every configured style]",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>--min-zoom Z.</summary>
    public Option<string?> MinZoom { get; } = new("--min-zoom")
    {
        Description = "Lowest zoom to expire [default: the gateway's Expire:MinZoom]",
        HelpName = "Z",
    };

    /// <summary>--max-zoom Z.</summary>
    public Option<string?> MaxZoom { get; } = new("--max-zoom")
    {
        Description = "Highest zoom to expire [default: the gateway's Expire:MaxZoom]",
        HelpName = "Z",
    };

    /// <summary>--wait-hot.</summary>
    public Option<bool> WaitHot { get; }

    /// <summary>--chunk-lines N.</summary>
    public Option<string?> ChunkLines { get; } = new("--chunk-lines")
    {
        Description = $"Post lists longer than this many lines in chunks of whole lines [default: {ExpireChunks.DefaultLines}]",
        HelpName = "N",
    };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Gateway);
        command.Options.Add(Token);
        command.Options.Add(Style);
        command.Options.Add(MinZoom);
        command.Options.Add(MaxZoom);
        command.Options.Add(WaitHot);
        command.Options.Add(ChunkLines);
    }

    /// <summary>Resolves and checks the values; a bad one is a <see cref="UsageException"/> naming the option.</summary>
    public GatewaySettings Resolve(ParseResult parse)
    {
        var gateway = ResolveGateway(parse.GetValue(Gateway));
        string? token = ResolveToken(parse.GetValue(Token));
        string[] styles = parse.GetValue(Style) ?? [];
        foreach (string style in styles)
        {
            if (!LayerName.IsValid(style))
            {
                throw new UsageException($"--style '{style}' is not a layer name (1-{LayerName.MaxLength} characters of a-z, 0-9, '-', '_')");
            }
        }

        int? minZoom = ParseZoom(parse.GetValue(MinZoom), "--min-zoom");
        int? maxZoom = ParseZoom(parse.GetValue(MaxZoom), "--max-zoom");
        if (minZoom > maxZoom)
        {
            throw new UsageException($"--min-zoom {minZoom} is above --max-zoom {maxZoom}");
        }

        int chunkLines = ExpireChunks.DefaultLines;
        if (parse.GetValue(ChunkLines) is { } chunkText
            && (!int.TryParse(chunkText, NumberStyles.None, CultureInfo.InvariantCulture, out chunkLines) || chunkLines < 1))
        {
            throw new UsageException($"--chunk-lines '{chunkText}' is not a whole number of at least 1");
        }

        bool waitHot = parse.GetResult(WaitHot) is null ? _waitHotByDefault : parse.GetValue(WaitHot);
        return new GatewaySettings(gateway, token, new ExpireQuery(styles.Distinct(StringComparer.Ordinal).ToArray(), minZoom, maxZoom, waitHot), chunkLines);
    }

    /// <summary>The --gateway value, else <c>$TILECLUSTER_GATEWAY</c>, else <see cref="DefaultGateway"/>; anything but an http(s) URL is a <see cref="UsageException"/>.</summary>
    public static Uri ResolveGateway(string? option)
    {
        string gatewayText = option
            ?? (Environment.GetEnvironmentVariable("TILECLUSTER_GATEWAY") is { Length: > 0 } env ? env : DefaultGateway);
        if (!Uri.TryCreate(gatewayText, UriKind.Absolute, out var gateway) || (gateway.Scheme != Uri.UriSchemeHttp && gateway.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--gateway '{gatewayText}' is not an http:// or https:// URL");
        }

        return gateway;
    }

    /// <summary>The --token value, else <c>$TILECLUSTER_ADMIN_TOKEN</c>, else null.</summary>
    public static string? ResolveToken(string? option) =>
        (option ?? Environment.GetEnvironmentVariable("TILECLUSTER_ADMIN_TOKEN")) is { Length: > 0 } token ? token : null;

    /// <summary>Parses an optional zoom option.</summary>
    public static int? ParseZoom(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int zoom) && zoom <= TileCoord.MaxSupportedZoom
            ? zoom
            : throw new UsageException($"{option} '{text}' is not a zoom (a whole number 0..{TileCoord.MaxSupportedZoom})");
    }
}
