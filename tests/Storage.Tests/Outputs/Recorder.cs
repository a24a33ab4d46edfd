namespace TileCluster.Storage.Tests.Outputs;

/// <summary>An <see cref="IProgress{T}"/> that reports on the writer's thread, at once (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class Recorder(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}
