namespace TileCluster.Cli.Jobs;

/// <summary>One output's progress in a status document: <c>{"output": "tiles", "done": 12, "total": 234, "unit": "metatiles"}</c>.</summary>
internal sealed class JobProgress
{
    /// <summary>"tiles" for the metatiles, else the output's kind (mbtiles, zip, png …).</summary>
    public string Output { get; set; } = string.Empty;

    /// <summary>Units done.</summary>
    public long Done { get; set; }

    /// <summary>Units in all.</summary>
    public long Total { get; set; }

    /// <summary>metatiles or files.</summary>
    public string Unit { get; set; } = string.Empty;
}
