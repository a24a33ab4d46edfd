using System.Globalization;

namespace TileCluster.Rendering.Benchmarks;

/// <summary>What the phase benchmark renders and how often.</summary>
internal sealed record BenchmarkOptions(string Connection, string StylePath, int Rounds, int Warmup, int Scale, int EncodeWorkers, string? WriteTilesTo)
{
    /// <summary>The environment variable naming the osm2pgsql database (the tests' one).</summary>
    public const string ConnectionVariable = "TILECLUSTER_TEST_CONNECTION";

    public const string Usage =
        "usage: TileCluster.Rendering.Benchmarks [--rounds N (7)] [--warmup N (2)] [--scale 1|2] [--encode-workers N (1)] [--style styles/osm.yaml] [--write-tiles DIR]\n" +
        $"  the database comes from {ConnectionVariable}";

    /// <summary>Parses the command line; null (after printing why) when it is not valid.</summary>
    public static BenchmarkOptions? Parse(string[] args)
    {
        string? connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine($"{ConnectionVariable} is not set: point it at the osm2pgsql Liechtenstein database");
            return null;
        }

        int rounds = 7, warmup = 2, scale = 1, workers = 1;
        string style = Path.Combine(RepositoryRoot(), "styles", "osm.yaml");
        string? write = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            bool ok = value is not null;
            switch (args[i])
            {
                case "--rounds":
                    ok &= TryPositive(value, out rounds);
                    break;
                case "--warmup":
                    ok &= int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out warmup);
                    break;
                case "--scale":
                    ok &= TryPositive(value, out scale) && scale <= 2;
                    break;
                case "--encode-workers":
                    ok &= TryPositive(value, out workers);
                    break;
                case "--style":
                    style = value ?? style;
                    break;
                case "--write-tiles":
                    write = value;
                    break;
                default:
                    ok = false;
                    break;
            }

            if (!ok)
            {
                Console.Error.WriteLine($"bad argument '{args[i]}'{(value is null ? string.Empty : $" '{value}'")}");
                return null;
            }

            i++;
        }

        return new BenchmarkOptions(connection, style, rounds, warmup, scale, workers, write);
    }

    private static bool TryPositive(string? value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result > 0;

    // The checkout being measured: above the working directory, else above the program (a copy of
    // an older build run from elsewhere still renders the current checkout's style).
    private static string RepositoryRoot()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "cluster.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"cannot find the repository root (cluster.sln) above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
    }
}
