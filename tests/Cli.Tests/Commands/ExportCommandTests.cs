using TileCluster.Cli.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Cli.Tests.Commands;

/// <summary>
/// <c>tilecluster export</c> as a user runs it, before any gateway is involved: option mistakes
/// are one line naming the option, exit 2, and nothing is sent. (Exports from a real cluster are
/// in Gateway.Tests, ExportCommandTests.)
/// </summary>
public sealed class ExportCommandTests
{
    private const string Vaduz = "9.515,47.135,9.530,47.145";

    [Theory]
    [InlineData("--zoom 15", "--bbox W,S,E,N is required")]
    [InlineData("--bbox 9.53,47.135,9.515,47.145 --zoom 15", "--bbox '9.53,47.135,9.515,47.145' is empty or inverted")]
    [InlineData("--bbox 9.515,47.135,9.530 --zoom 15", "--bbox '9.515,47.135,9.530' is not four numbers")]
    [InlineData($"--bbox {Vaduz}", "one of --zoom, --scale or --width/--height is required")]
    [InlineData($"--bbox {Vaduz} --zoom 15 --scale 25000", "--zoom and --scale are exclusive")]
    [InlineData($"--bbox {Vaduz} --zoom 15 --width 800", "--zoom and --width are exclusive")]
    [InlineData($"--bbox {Vaduz} --zoom 25", "--zoom '25' is not a zoom")]
    [InlineData($"--bbox {Vaduz} --width -3", "--width '-3' is not a positive whole number of pixels")]
    [InlineData($"--bbox {Vaduz} --zoom 15 --format gif", "--format 'gif' is not one of png, jpeg, pdf, svg, geotiff")]
    [InlineData($"--bbox {Vaduz} --zoom 15 --dpi 0", "--dpi '0' is not within 1..2400")]
    [InlineData($"--bbox {Vaduz} --zoom 15 --style ../etc", "--style '../etc' is not a layer name")]
    [InlineData($"--bbox {Vaduz} --zoom 15 -o /nonexistent-folder/map.png", "-o '/nonexistent-folder/map.png': the folder /nonexistent-folder does not exist")]
    public async Task BadOptions_OneLineNamingTheOption_Exit2_NothingSent(string options, string message)
    {
        using var gateway = new ConnectionCounter();

        await using var run = await CliProcess.RunAsync(["export", "--gateway", gateway.Url, .. options.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, gateway.Connections);
    }

    [Fact]
    public async Task UnknownOption_IsAParseError_Exit2()
    {
        await using var run = await CliProcess.RunAsync(["export", "--bbox", Vaduz, "--zoom", "15", "--ratio", "2"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--ratio", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("see 'tilecluster export --help'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableGateway_Exit1_NamesTheGateway_WritesNothing()
    {
        int port = Loopback.FreePort();
        string dir = Directory.CreateTempSubdirectory("tilecluster-export-").FullName;
        try
        {
            string file = Path.Combine(dir, "map.png");
            await using var run = await CliProcess.RunAsync(["export", "--gateway", $"http://127.0.0.1:{port}", "--bbox", Vaduz, "--zoom", "15", "-o", file]);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"cannot reach the gateway at http://127.0.0.1:{port}", run.Stderr, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
