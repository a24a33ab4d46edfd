namespace TileCluster.Cli.Jobs;

/// <summary>
/// Where <c>job wait</c> shows a job's progress: live bars on a terminal
/// (<see cref="LiveJobProgress"/>), or a plain line per change when the output is a file or a
/// pipe (<see cref="PlainJobProgress"/>).
/// </summary>
internal interface IJobProgressView
{
    /// <summary>Runs <paramref name="watch"/>, which calls <see cref="Show"/> and <see cref="Warn"/>, inside the view.</summary>
    Task<T> RunAsync<T>(Func<Task<T>> watch);

    /// <summary>Shows the latest status document.</summary>
    void Show(JobStatus job);

    /// <summary>Shows a problem that does not end the wait (the gateway did not answer, and is asked again).</summary>
    void Warn(string message);
}
