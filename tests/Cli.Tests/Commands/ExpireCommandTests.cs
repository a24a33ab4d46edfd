using TileCluster.Cli.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Cli.Tests.Commands;

/// <summary><c>tilecluster expire</c> as a user runs it: the real program in a child process.</summary>
public sealed class ExpireCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tilecluster-expire-").FullName;

    [Fact]
    public async Task A_malformed_list_is_reported_line_by_line_and_nothing_is_sent()
    {
        string file = Write("bad.list", "10/536/358\n11/1078\n\n12/99999/1\n13/a/2\n14/8625/5753\n");
        using var gateway = new ConnectionCounter();

        await using var run = await CliProcess.RunAsync(["expire", file, "--gateway", gateway.Url]);

        Assert.Equal(2, run.ExitCode);
        string[] errors = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{file}:2: expected z/x/y but found 2 parts in '11/1078'", errors[0]);
        Assert.StartsWith($"{file}:4: ", errors[1], StringComparison.Ordinal);
        Assert.Contains("99999", errors[1], StringComparison.Ordinal);
        Assert.Equal($"{file}:5: x 'a' is not a whole number in '13/a/2'", errors[2]);
        Assert.Equal($"{file}: 3 malformed lines of 6; nothing was sent", errors[3]);
        Assert.Equal(0, gateway.Connections);
    }

    [Fact]
    public async Task Standard_input_is_read_with_a_dash()
    {
        using var gateway = new ConnectionCounter();

        await using var run = await CliProcess.RunAsync(["expire", "-", "--gateway", gateway.Url], stdin: "10/536/358\r\n10/536/x\r\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("<stdin>:2: y 'x' is not a whole number in '10/536/x'", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, gateway.Connections);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_a_network_error_that_says_to_run_again()
    {
        string file = Write("ok.list", "10/536/358\n14/8625/5753\n");
        int port = Loopback.FreePort();

        await using var run = await CliProcess.RunAsync(["expire", file, "--gateway", $"http://127.0.0.1:{port}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot reach the gateway at http://127.0.0.1:{port}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("run the command again", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_without_tiles_sends_nothing()
    {
        string file = Write("empty.list", "\n\n");
        using var gateway = new ConnectionCounter();

        await using var run = await CliProcess.RunAsync(["expire", file, "--gateway", gateway.Url]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no tiles in 2 lines; nothing was sent", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, gateway.Connections);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        string file = Path.Combine(_dir, "nope.list");

        await using var run = await CliProcess.RunAsync(["expire", file]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {file}: no such file\n", run.Stderr);
    }

    [Theory]
    [InlineData("--min-zoom", "25", "--min-zoom '25' is not a zoom (a whole number 0..24)")]
    [InlineData("--max-zoom", "x", "--max-zoom 'x' is not a zoom")]
    [InlineData("--style", "Big Map", "--style 'Big Map' is not a layer name")]
    [InlineData("--gateway", "ftp://gateway", "--gateway 'ftp://gateway' is not an http:// or https:// URL")]
    [InlineData("--chunk-lines", "0", "--chunk-lines '0' is not a whole number of at least 1")]
    public async Task Bad_options_are_one_clear_line_and_exit_2(string option, string value, string message)
    {
        string file = Write("ok.list", "10/536/358\n");

        await using var run = await CliProcess.RunAsync(["expire", file, option, value]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Min_zoom_above_max_zoom_is_refused()
    {
        string file = Write("ok.list", "10/536/358\n");

        await using var run = await CliProcess.RunAsync(["expire", file, "--min-zoom", "14", "--max-zoom", "12"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --min-zoom 14 is above --max-zoom 12\n", run.Stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
