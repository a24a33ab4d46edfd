using Microsoft.Extensions.Hosting;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Rendering.Styles;

/// <summary>
/// Being constructed during start-up is its whole job: that resolves the style catalog (so a
/// broken style stops start-up with its file and line) and starts the render threads, instead
/// of doing both on the first request.
/// </summary>
internal sealed class StyleCatalogWarmup(StyleCatalog catalog, RenderPool pool) : IHostedService
{
    public StyleCatalog Catalog { get; } = catalog;

    public RenderPool Pool { get; } = pool;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
