using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace TileCluster.Cli.Tests.Infrastructure;

/// <summary>Serves a directory over HTTP as a replication server does (plain files, 404 for missing ones).</summary>
internal sealed class StaticFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticFileServer(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/replication/minute";
    }

    /// <summary>The base URL, with a path like planet.osm.org's.</summary>
    public string Url { get; }

    public static async Task<StaticFileServer> StartAsync(string directory, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(directory),
            RequestPath = "/replication/minute",
            ServeUnknownFileTypes = true,
        });
        await app.StartAsync();
        return new StaticFileServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
