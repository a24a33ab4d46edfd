using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Styles;
using TileCluster.Storage;

namespace TileCluster.Rendering.Benchmarks;

/// <summary>
/// Renders <see cref="BenchmarkMetatiles"/> with the product's <see cref="MapRenderer"/> on one
/// thread and reports, per metatile, the median over the rounds of each phase's thread CPU time
/// (see <see cref="RenderBreakdown.ThreadCpu"/>) and of the whole render's wall time, the mean
/// bytes per tile, and a SHA-256 over every tile so that two builds can be checked for identical
/// output.
/// </summary>
internal static class PhaseBenchmark
{
    public static int Run(BenchmarkOptions options, TextWriter output)
    {
        var style = StyleLoader.Load(options.StylePath);
        using var dataSource = NpgsqlDataSource.Create(options.Connection);
        using var renderer = new MapRenderer(new Dictionary<string, MapStyle> { [style.Name] = style }, dataSource, encodeWorkers: () => options.EncodeWorkers);
        var keys = BenchmarkMetatiles.For(style.Name, options.Scale);

        output.WriteLine($"# {keys.Count} metatiles, {options.Warmup} warm-up + {options.Rounds} rounds, scale {options.Scale}, encode workers {options.EncodeWorkers}, load average {LoadAverage()}");
        for (int round = 0; round < options.Warmup; round++)
        {
            foreach (var key in keys)
            {
                renderer.Render(key, CancellationToken.None);
            }
        }

        var samples = new List<RenderBreakdown>[keys.Count];
        var walls = new List<TimeSpan>[keys.Count];
        var last = new RenderedMetatile[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            samples[i] = [];
            walls[i] = [];
        }

        var processCpuStart = Environment.CpuUsage.TotalTime;
        for (int round = 0; round < options.Rounds; round++)
        {
            for (int i = 0; i < keys.Count; i++)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                last[i] = renderer.Render(keys[i], CancellationToken.None);
                walls[i].Add(System.Diagnostics.Stopwatch.GetElapsedTime(start));
                samples[i].Add(renderer.LastBreakdown);
            }
        }

        var processCpu = (Environment.CpuUsage.TotalTime - processCpuStart) / options.Rounds;
        output.WriteLine("# thread CPU ms per metatile, median of the rounds; wall ms likewise; bytes = mean per tile");
        output.WriteLine($"{"metatile",-22} {"features",8} {"query",7} {"draw",7} {"labels",7} {"encode",7} {"cpu",7} {"wall",7} {"bytes",7}");
        double[] sums = new double[6];
        long allBytes = 0, allTiles = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < keys.Count; i++)
        {
            var cpu = samples[i].ConvertAll(b => b.ThreadCpu);
            double[] row =
            [
                Median(cpu.ConvertAll(c => c.Query)),
                Median(cpu.ConvertAll(c => c.Draw)),
                Median(cpu.ConvertAll(c => c.Labels)),
                Median(cpu.ConvertAll(c => c.Encode)),
                Median(cpu.ConvertAll(c => c.Total)),
                Median(walls[i]),
            ];
            long bytes = 0;
            int tiles = last[i].TilesPerSide * last[i].TilesPerSide;
            for (int t = 0; t < tiles; t++)
            {
                byte[] tile = last[i].Get(t / last[i].TilesPerSide, t % last[i].TilesPerSide);
                bytes += tile.Length;
                hash.AppendData(tile);
            }

            allBytes += bytes;
            allTiles += tiles;
            for (int c = 0; c < sums.Length; c++)
            {
                sums[c] += row[c];
            }

            var m = keys[i].Metatile;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{$"z{m.Z} {m.X}/{m.Y}",-22} {samples[i][^1].Features,8} {row[0],7:F1} {row[1],7:F1} {row[2],7:F1} {row[3],7:F1} {row[4],7:F1} {row[5],7:F1} {bytes / tiles,7}"));
            WriteTiles(options.WriteTilesTo, keys[i], last[i]);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum",-22} {string.Empty,8} {sums[0],7:F1} {sums[1],7:F1} {sums[2],7:F1} {sums[3],7:F1} {sums[4],7:F1} {sums[5],7:F1} {allBytes / allTiles,7}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# process CPU per round (all threads: helpers, JIT, GC, libimagequant's OpenMP team) {processCpu.TotalMilliseconds:F0} ms"));
        output.WriteLine($"# tiles sha256 {Convert.ToHexStringLower(hash.GetHashAndReset())}, load average {LoadAverage()}");
        return 0;
    }

    private static double Median(List<TimeSpan> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2].TotalMilliseconds : (values[(n / 2) - 1] + values[n / 2]).TotalMilliseconds / 2;
    }

    private static void WriteTiles(string? directory, MetatileKey key, RenderedMetatile metatile)
    {
        if (directory is null)
        {
            return;
        }

        var m = key.Metatile;
        for (int dx = 0; dx < metatile.TilesPerSide; dx++)
        {
            for (int dy = 0; dy < metatile.TilesPerSide; dy++)
            {
                string path = Path.Combine(directory, $"{m.Z}", $"{m.X + dx}", $"{m.Y + dy}.png");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, metatile.Get(dx, dy));
            }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ', 4)[..3]) : "n/a";
}
