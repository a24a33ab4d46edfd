using System.Globalization;
using System.Text;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Jobs;

/// <summary>Status documents as text for a person: one line, a table, or every detail.</summary>
internal static class JobText
{
    /// <summary>Every output's progress: <c>tiles 12/234 metatiles (5%), mbtiles 0/1 files</c>.</summary>
    public static string Progress(JobStatus job) => job.Progress.Count == 0
        ? "no progress yet"
        : string.Join(", ", job.Progress.Select(Progress));

    /// <summary>One output's progress: <c>tiles 12/234 metatiles (5%)</c>.</summary>
    public static string Progress(JobProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"{progress.Output} {progress.Done}/{progress.Total} {progress.Unit} ({Percent(progress)}%)");

    /// <summary>Whole percent done, rounded down (100 only when all is done).</summary>
    public static long Percent(JobProgress progress) => progress.Total <= 0
        ? (progress.Done >= progress.Total ? 100 : 0)
        : Math.Clamp(progress.Done * 100 / progress.Total, 0, 100);

    /// <summary>
    /// The line <c>job wait</c> prints when the output is not a terminal, each time something changes:
    /// <c>ID running tiles 12/234 metatiles (5%) renders=10 eta=2026-11-30T06:50:12Z</c>.
    /// </summary>
    public static string Line(JobStatus job)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{job.Id} {job.State} {Progress(job)} renders={job.Renders}");
        if (job.Eta is { } eta && !job.IsFinal)
        {
            line.Append(" eta=").Append(Time(eta));
        }

        return line.ToString();
    }

    /// <summary>The last words of a wait: how it ended, how long it ran, and where its outputs are.</summary>
    public static IEnumerable<string> Ended(JobStatus job, Uri gateway)
    {
        string took = job is { Started: { } started, Finished: { } finished } ? $" after {Durations.Format(finished - started)}" : string.Empty;
        var tiles = job.Progress.FirstOrDefault(p => p.Output == "tiles");
        long done = tiles?.Done ?? 0, total = tiles?.Total ?? 0;
        string metatiles = done == total
            ? string.Create(CultureInfo.InvariantCulture, $"{total} metatiles")
            : string.Create(CultureInfo.InvariantCulture, $"{done} of {total} metatiles");
        yield return string.Create(CultureInfo.InvariantCulture, $"job {job.Id} {job.State}{took}: {metatiles}, {job.Renders} rendered, {Math.Max(0, done - job.Renders)} reused from the store");
        foreach (string error in job.Errors)
        {
            yield return $"  error: {error}";
        }

        foreach (var output in job.Outputs)
        {
            yield return $"  {Output(output, gateway)}";
        }
    }

    /// <summary>The columns of <c>job list</c>, one line per job, newest first as given.</summary>
    public static IEnumerable<string> Table(IReadOnlyList<JobStatus> jobs)
    {
        var rows = new List<string[]> { new[] { "ID", "STATE", "KIND", "ZOOM", "PROGRESS", "RENDERS", "CREATED", "NAME" } };
        rows.AddRange(jobs.Select(job => new[]
        {
            job.Id,
            job.State,
            job.Spec?.Kind ?? string.Empty,
            job.Spec?.ZoomText ?? string.Empty,
            job.Progress.Count == 0 ? "-" : string.Join(", ", job.Progress.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Output} {p.Done}/{p.Total}"))),
            job.Renders.ToString(CultureInfo.InvariantCulture),
            job.Created is { } created ? Time(created) : "-",
            job.Name ?? string.Empty,
        }));
        int[] widths = [.. Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length))];
        return rows.Select(row => string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
    }

    /// <summary>Everything <c>job status</c> shows.</summary>
    public static IEnumerable<string> Details(JobStatus job, Uri gateway)
    {
        yield return job.Name is null ? $"job {job.Id}" : $"job {job.Id} \"{job.Name}\"";
        yield return $"  state     {job.State}";
        if (job.Spec is { } spec)
        {
            string outputs = spec.Outputs is { Count: > 0 } list ? $" outputs {string.Join(",", list)}" : string.Empty;
            yield return $"  spec      {spec.Kind} {spec.Style} bbox {spec.BboxText} zoom {spec.ZoomText}{outputs}";
        }

        string label = "  progress  ";
        foreach (var progress in job.Progress)
        {
            yield return label + Progress(progress);
            label = new string(' ', label.Length);
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"  renders   {job.Renders}");
        yield return $"  created   {Time(job.Created)}  started {Time(job.Started)}  updated {Time(job.Updated)}  finished {Time(job.Finished)}";
        if (job.Eta is { } eta && !job.IsFinal)
        {
            yield return $"  eta       {Time(eta)}";
        }

        label = "  outputs   ";
        foreach (var output in job.Outputs)
        {
            yield return label + Output(output, gateway);
            label = new string(' ', label.Length);
        }

        label = "  errors    ";
        foreach (string error in job.Errors)
        {
            yield return label + error;
            label = new string(' ', label.Length);
        }

        if (job.StatusUrl is { Length: > 0 } status)
        {
            yield return $"  status    {Absolute(status, gateway)}";
        }
    }

    /// <summary>An output as <c>KIND [zZ] URL [(N bytes)]</c>, the URL absolute on <paramref name="gateway"/>.</summary>
    public static string Output(JobOutput output, Uri gateway)
    {
        var text = new StringBuilder(output.Kind);
        if (output.Zoom is { } zoom)
        {
            text.Append(CultureInfo.InvariantCulture, $" z{zoom}");
        }

        text.Append(' ').Append(Absolute(output.Url, gateway));
        if (output.Bytes is { } bytes)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({bytes} bytes)");
        }

        return text.ToString();
    }

    /// <summary>A UTC time as <c>2026-11-30T06:45:12Z</c>; <c>-</c> for none.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "-";

    // A path on the gateway made absolute; the {z}/{x}/{y} of a tile template kept as it is.
    private static string Absolute(string url, Uri gateway) =>
        url.StartsWith('/') ? gateway.GetLeftPart(UriPartial.Authority) + gateway.AbsolutePath.TrimEnd('/') + url : url;
}
