using System.CommandLine;
using TileCluster.Cli.Http;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Commands;

/// <summary>The options every job command has: the gateway and the admin token.</summary>
internal sealed class JobServerOptions
{
    /// <summary>--gateway URL.</summary>
    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"The gateway's base URL [default: $TILECLUSTER_GATEWAY, else {GatewayOptions.DefaultGateway}]",
        HelpName = "URL",
    };

    /// <summary>--token TOKEN.</summary>
    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The admin token (Admin:Token of the gateway), needed to submit and cancel [default: $TILECLUSTER_ADMIN_TOKEN]",
        HelpName = "TOKEN",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Gateway);
        command.Options.Add(Token);
    }

    /// <summary>A client for the gateway; with <paramref name="tokenRequired"/>, no token is a <see cref="UsageException"/>.</summary>
    public JobsClient CreateClient(ParseResult parse, bool tokenRequired)
    {
        var gateway = GatewayOptions.ResolveGateway(parse.GetValue(Gateway));
        string? token = GatewayOptions.ResolveToken(parse.GetValue(Token));
        if (tokenRequired && token is null)
        {
            throw new UsageException("no admin token: use --token or TILECLUSTER_ADMIN_TOKEN (the gateway's Admin:Token)");
        }

        return new JobsClient(new GatewayHttp(gateway, token, JobsClient.RequestTimeout));
    }
}
