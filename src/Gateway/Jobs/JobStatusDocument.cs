using System.Globalization;
using System.Text.Json.Serialization;
using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Gateway.Jobs;

/// <summary>The status document of the HTTP contract (<c>GET /jobs/{id}/status.json</c>), built from a grain's <see cref="JobStatus"/>.</summary>
internal sealed record JobStatusDocument(
    string Id,
    string? Name,
    JobStatusDocument.SpecDocument Spec,
    string State,
    JobStatusDocument.ProgressDocument[] Progress,
    long Renders,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset Updated,
    DateTimeOffset? Finished,
    DateTimeOffset? Eta,
    JobStatusDocument.OutputDocument[] Outputs,
    string[] Errors,
    string StatusUrl)
{
    public static JobStatusDocument From(JobStatus status)
    {
        var spec = status.Spec;
        string prefix = $"/jobs/{status.Id}";
        var outputs = status.Outputs.Select(o => new OutputDocument(
            JobOutputKinds.Name(o.Kind),
            o.Zoom,
            o.Kind switch
            {
                JobOutputKind.Tms => $"{prefix}/tms/{{z}}/{{x}}/{{y}}.png",
                JobOutputKind.Xyz => $"{prefix}/xyz/{{z}}/{{x}}/{{y}}.png",
                _ => $"{prefix}/files/{o.FileName}",
            },
            o.Bytes)).ToArray();
        return new JobStatusDocument(
            status.Id,
            spec.Name,
            SpecDocument.From(spec),
            status.State.ToString().ToLowerInvariant(),
            [.. status.Progress.Select(p => new ProgressDocument(p.Output, p.Done, p.Total, p.Unit))],
            status.Renders,
            status.Created,
            status.Started,
            status.Updated,
            status.Finished,
            status.Eta,
            outputs,
            status.Errors,
            $"{prefix}/status.json");
    }

    /// <summary>The spec in the POST body's own form, so it can be posted again.</summary>
    internal sealed record SpecDocument(
        string Style,
        double[] Bbox,
        string Zoom,
        string Kind,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Outputs,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name)
    {
        public static SpecDocument From(JobSpec spec) => new(
            spec.Style,
            [spec.West, spec.South, spec.East, spec.North],
            spec.MinZoom == spec.MaxZoom ? spec.MinZoom.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{spec.MinZoom}-{spec.MaxZoom}"),
            spec.Kind == JobKind.Seed ? "seed" : "export",
            spec.Kind == JobKind.Seed ? null : [.. spec.Outputs.Select(JobOutputKinds.Name)],
            spec.Name);
    }

    internal sealed record ProgressDocument(string Output, long Done, long Total, string Unit);

    internal sealed record OutputDocument(
        string Kind,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Zoom,
        string Url,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Bytes);
}
