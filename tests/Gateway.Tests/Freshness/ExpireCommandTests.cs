using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Freshness;

/// <summary><c>tilecluster expire</c> against the real cluster: the same answers as the endpoint, as exit codes.</summary>
public sealed class ExpireCommandTests(ExpireFixture fixture) : IClassFixture<ExpireFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Expire_FromStdin_DeliversAndSummarises()
    {
        await using var run = await CliProcess.RunAsync(Args("-", "--token", ExpireFixture.Token, "--wait-hot"), Patience, stdin: "14/8625/5753\n16/34501/23013\n");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("expired 2 lines (2 tiles)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("; hot: ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_WrongToken_Exits4_WithTheServersReason()
    {
        await using var run = await CliProcess.RunAsync(Args("-", "--token", "not-the-token"), Patience, stdin: "14/8625/5753\n");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("not the configured admin token", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_MalformedFile_Exits2_NamingTheLine_AndSendsNothing()
    {
        string file = Path.Combine(Path.GetTempPath(), $"tilecluster-expire-{Guid.NewGuid():N}.list");
        await File.WriteAllTextAsync(file, "14/8625/5753\n14/8625\n", TestContext.Current.CancellationToken);
        try
        {
            await using var run = await CliProcess.RunAsync(Args(file, "--token", ExpireFixture.Token), Patience);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"{file}:2: expected z/x/y but found 2 parts", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private string[] Args(string input, params string[] rest) => ["expire", input, "--gateway", fixture.Cluster.BaseAddress.ToString(), .. rest];
}
