using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Gateway.Admin;
using TileCluster.Gateway.Cluster;
using TileCluster.Gateway.Export;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Jobs;

/// <summary>
/// <c>/jobs</c>: submit, list, inspect and cancel seed and export jobs, and serve their outputs
/// from <c>Jobs:Root</c>. The jobs themselves run in the cluster (<see cref="IJobGrain"/>); a
/// submission is checked completely here first, so a refused one creates nothing.
/// </summary>
internal sealed partial class JobEndpoints(
    IOptions<LayersOptions> layers,
    IOptions<ExportOptions> exportOptions,
    IOptions<JobsOptions> options,
    IGrainFactory grains,
    ClusterConnection connection,
    JobFolders folders,
    TimeProvider time,
    ILogger<JobEndpoints> logger)
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/jobs", static (HttpContext context, JobEndpoints endpoints) => endpoints.SubmitAsync(context))
            .AddEndpointFilter<AdminAuthorization>();
        app.MapGet("/jobs", static (HttpContext context, JobEndpoints endpoints) => endpoints.ListAsync(context));
        app.MapGet("/jobs/{id}", static (HttpContext context, string id, JobEndpoints endpoints) => endpoints.StatusAsync(context, id));
        app.MapGet("/jobs/{id}/status.json", static (HttpContext context, string id, JobEndpoints endpoints) => endpoints.StatusAsync(context, id));
        app.MapDelete("/jobs/{id}", static (HttpContext context, string id, JobEndpoints endpoints) => endpoints.CancelAsync(context, id))
            .AddEndpointFilter<AdminAuthorization>();
        app.MapGet("/jobs/{id}/tms/{z}/{x}/{file}", static (string id, string z, string x, string file, JobEndpoints endpoints) => endpoints.Tile(id, z, x, file, tms: true));
        app.MapGet("/jobs/{id}/xyz/{z}/{x}/{file}", static (string id, string z, string x, string file, JobEndpoints endpoints) => endpoints.Tile(id, z, x, file, tms: false));
        app.MapGet("/jobs/{id}/tilemapresource.xml", static (string id, JobEndpoints endpoints) => endpoints.TileMapResource(id));

        // Also beside the TMS tiles, where its relative TileSet hrefs ("{z}") lead to them.
        app.MapGet("/jobs/{id}/tms/tilemapresource.xml", static (string id, JobEndpoints endpoints) => endpoints.TileMapResource(id));
        app.MapGet("/jobs/{id}/files/{name}", static (string id, string name, JobEndpoints endpoints) => endpoints.File(id, name));
    }

    public async Task<IResult> SubmitAsync(HttpContext context)
    {
        var (body, tooLarge) = await RequestBody.ReadAsync(context, JobSpecParser.MaxBodyBytes);
        if (tooLarge)
        {
            return BadRequest(string.Create(CultureInfo.InvariantCulture, $"the job spec is larger than {JobSpecParser.MaxBodyBytes} bytes"));
        }

        if (!JobSpecParser.TryParse(body, out var spec, out string? error))
        {
            return BadRequest(error);
        }

        if (!LayerRules.TryFind(layers.Value, spec.Style, out var style, out string? notFound))
        {
            return Results.Problem(detail: notFound, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (spec.Kind == JobKind.Export && LayerRules.NotRendered(style, spec.Style, "an export job (a seed job fills its store)") is { } vectorError)
        {
            return BadRequest(vectorError);
        }

        if (LayerRules.NotPassThrough(style, spec.Style, "a job") is { } passThroughError)
        {
            return BadRequest(passThroughError);
        }

        // The tile trees (and the MBTiles and zip made from them) are written as PNG files; a JPEG or WebP layer's stored tiles are not.
        if (spec.WritesTileTree && style.Provider.EffectiveFormat != "png")
        {
            return BadRequest($"layer '{spec.Style}' makes {style.Provider.EffectiveFormat} tiles; the tile outputs (tms, xyz, mbtiles, zip) are written as PNG, so export them from a PNG layer of the same style");
        }

        string zoomText = spec.MinZoom == spec.MaxZoom ? $"zoom {spec.MinZoom}" : $"zoom {spec.MinZoom}-{spec.MaxZoom}";
        if (LayerRules.ZoomOutside(style, spec.Style, zoomText, spec.MinZoom, spec.MaxZoom) is { } zoomError)
        {
            return BadRequest(zoomError);
        }

        long metatiles = JobTiling.MetatileCount(spec);
        if (metatiles > options.Value.MaxMetatiles)
        {
            return BadRequest(string.Create(CultureInfo.InvariantCulture,
                $"the job covers {metatiles} metatiles, more than Jobs:MaxMetatiles ({options.Value.MaxMetatiles}); choose a smaller box or fewer zooms"));
        }

        if (!TryResolveImages(spec, out var images, out error))
        {
            return BadRequest(error);
        }

        long used = folders.UsedBytes();
        if (used > options.Value.QuotaBytes)
        {
            return Results.Problem(
                detail: string.Create(CultureInfo.InvariantCulture, $"job outputs take {used} bytes, beyond Jobs:QuotaBytes ({options.Value.QuotaBytes}); delete old jobs or wait for Jobs:Retention to remove them"),
                statusCode: StatusCodes.Status507InsufficientStorage,
                title: "Job quota exceeded");
        }

        if (!connection.IsConnected)
        {
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem(detail: "no silo is connected; submit the job again shortly", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
        }

        string id = JobId.New(time.GetUtcNow());
        var status = await grains.GetJob(id).StartAsync(new JobSubmission(spec, images));
        LogSubmitted(id, spec.Style, spec.MinZoom, spec.MaxZoom);
        context.Response.Headers.Location = $"/jobs/{id}";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(JobStatusDocument.From(status), statusCode: StatusCodes.Status202Accepted);
    }

    public async Task<IResult> ListAsync(HttpContext context)
    {
        int limit = DefaultLimit;
        string? text = context.Request.Query["limit"];
        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return BadRequest(string.Create(CultureInfo.InvariantCulture, $"limit must be a whole number within 1..{MaxLimit}"));
        }

        string[] ids = await grains.GetJobDirectory().ListAsync(limit);
        var statuses = await Task.WhenAll(ids.Select(id => grains.GetJob(id).GetStatusAsync()));
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { jobs = statuses.OfType<JobStatus>().Select(JobStatusDocument.From).ToArray() });
    }

    public async Task<IResult> StatusAsync(HttpContext context, string id)
    {
        if (!JobId.IsValid(id))
        {
            return BadId();
        }

        var status = await grains.GetJob(id).GetStatusAsync();
        if (status is null)
        {
            return UnknownJob(id);
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(JobStatusDocument.From(status));
    }

    public async Task<IResult> CancelAsync(HttpContext context, string id)
    {
        if (!JobId.IsValid(id))
        {
            return BadId();
        }

        var job = grains.GetJob(id);
        var status = await job.GetStatusAsync();
        if (status is null)
        {
            return UnknownJob(id);
        }

        context.Response.Headers.CacheControl = "no-store";
        if (status.IsFinished)
        {
            return Results.Json(JobStatusDocument.From(status));
        }

        status = await job.CancelAsync();
        LogCancelled(id);
        return Results.Json(JobStatusDocument.From(status!), statusCode: StatusCodes.Status202Accepted);
    }

    public IResult Tile(string id, string z, string x, string file, bool tms)
    {
        if (!JobId.IsValid(id))
        {
            return BadId();
        }

        if (!file.EndsWith(".png", StringComparison.Ordinal) ||
            !int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out int zoom) ||
            !int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out int column) ||
            !int.TryParse(file.AsSpan(0, file.Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out int row) ||
            !TileCoord.TryCreate(zoom, column, tms && zoom is >= 0 and <= TileCoord.MaxSupportedZoom ? TileCoord.TilesPerSide(zoom) - 1 - row : row, out var tile, out string? error))
        {
            return BadRequest("a job tile is /jobs/{id}/" + (tms ? "tms" : "xyz") + "/{z}/{x}/{y}.png with whole numbers inside the zoom's grid");
        }

        string path = folders.Tile(id, tile);
        return System.IO.File.Exists(path)
            ? Results.File(path, "image/png", enableRangeProcessing: true)
            : Results.Problem(detail: $"job '{id}' has no tile {zoom}/{column}/{row} ({(tms ? "TMS" : "XYZ")} rows)", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    public IResult TileMapResource(string id)
    {
        if (!JobId.IsValid(id))
        {
            return BadId();
        }

        string path = folders.TileMapResource(id);
        return System.IO.File.Exists(path)
            ? Results.File(path, "application/xml")
            : Results.Problem(detail: $"job '{id}' has no tilemapresource.xml (not a finished tms export)", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    public IResult File(string id, string name)
    {
        if (!JobId.IsValid(id))
        {
            return BadId();
        }

        if (folders.File(id, name) is not { } path)
        {
            return BadRequest("a job file name is 1-100 characters of a-z, 0-9, '-', '_' and '.', not starting with a dot");
        }

        return System.IO.File.Exists(path)
            ? Results.File(path, ContentType(name), fileDownloadName: name, enableRangeProcessing: true)
            : Results.Problem(detail: $"job '{id}' has no file '{name}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    /// <summary>Resolves the per-zoom images of the spec's image outputs, refusing any beyond the export limits.</summary>
    private bool TryResolveImages(JobSpec spec, out JobImage[] images, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var list = new List<JobImage>();
        string bbox = string.Create(CultureInfo.InvariantCulture, $"{spec.West:R},{spec.South:R},{spec.East:R},{spec.North:R}");
        foreach (var output in spec.Outputs)
        {
            if (JobOutputKinds.ImageFormat(output) is null)
            {
                continue;
            }

            for (int z = spec.MinZoom; z <= spec.MaxZoom; z++)
            {
                string zoom = z.ToString(CultureInfo.InvariantCulture);
                if (!ExportQuery.TryParse(bbox, zoom, null, null, null, JobOutputKinds.Name(output), null, null, null, out var query, out error))
                {
                    images = [];
                    return false;
                }

                var request = ExportGeometry.Resolve(spec.Style, query);
                if (exportOptions.Value.ExceededLimit(request) is { } limit)
                {
                    images = [];
                    error = string.Create(CultureInfo.InvariantCulture,
                        $"outputs: the {JobOutputKinds.Name(output)} image at zoom {z} would be {request.WidthPx}x{request.HeightPx} pixels, beyond {limit}; use tile outputs (tms, mbtiles) for that zoom, a smaller box or lower zooms");
                    return false;
                }

                list.Add(new JobImage(output, z, request));
            }
        }

        images = [.. list];
        error = null;
        return true;
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".mbtiles" => "application/vnd.sqlite3",
        ".zip" => "application/zip",
        ".png" => "image/png",
        ".jpg" => "image/jpeg",
        ".tif" => "image/tiff",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    private static IResult BadId() =>
        BadRequest("a job id is 1-64 characters of a-z, 0-9 and '-', e.g. 20261130-064512-3f9a1c");

    private static IResult UnknownJob(string id) =>
        Results.Problem(detail: $"no job '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Job {Id} submitted: {Style} z{MinZoom}-{MaxZoom}")]
    private partial void LogSubmitted(string id, string style, int minZoom, int maxZoom);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Information, Message = "Job {Id} cancelled")]
    private partial void LogCancelled(string id);
}
