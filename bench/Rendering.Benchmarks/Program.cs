using TileCluster.Rendering.Benchmarks;

// Renders a fixed set of real metatiles around Vaduz in this process, round after round, and
// prints the median thread-CPU and wall time of each render phase (see docs/benchmarks.md).
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

return PhaseBenchmark.Run(options, Console.Out);
