using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>The output steps of a job, in the order they run: the spec's outputs in order, images zoom by zoom.</summary>
internal static class JobSteps
{
    public static IReadOnlyList<JobStep> Of(JobSubmission submission)
    {
        var steps = new List<JobStep>();
        foreach (var output in submission.Spec.Outputs)
        {
            if (JobOutputKinds.ImageFormat(output) is null)
            {
                steps.Add(new JobStep(output, null));
                continue;
            }

            foreach (var image in submission.Images)
            {
                if (image.Output == output)
                {
                    steps.Add(new JobStep(output, image));
                }
            }
        }

        return steps;
    }

    /// <summary>The file name of a step's output under the job's <c>files/</c> folder; null for the tile trees.</summary>
    public static string? FileName(JobSpec spec, JobStep step) => step.Kind switch
    {
        JobOutputKind.MbTiles or JobOutputKind.Zip => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{spec.Style}-{spec.MinZoom}-{spec.MaxZoom}.{JobOutputKinds.Extension(step.Kind)}"),
        _ when step.Image is { } image => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{spec.Style}-z{image.Zoom}.{JobOutputKinds.Extension(step.Kind)}"),
        _ => null,
    };
}
