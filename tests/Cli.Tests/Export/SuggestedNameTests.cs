using System.Net.Http.Headers;
using TileCluster.Cli.Commands;
using TileCluster.Cli.Export;

namespace TileCluster.Cli.Tests.Export;

/// <summary>The file <c>tilecluster export</c> writes without -o: the gateway's name, never a path it chose.</summary>
public sealed class SuggestedNameTests
{
    [Theory]
    [InlineData("attachment; filename=\"osm-9.515_47.135_9.53_47.145-z15.png\"", "osm-9.515_47.135_9.53_47.145-z15.png")]
    [InlineData("attachment; filename=\"../../etc/cron.d/x\"", "x")]
    [InlineData("attachment; filename=\"..\\\\..\\\\evil.png\"", "evil.png")]
    [InlineData("attachment; filename=\"/tmp/\"", "osm-export.pdf")]
    [InlineData("attachment; filename=\".bashrc\"", "osm-export.pdf")]
    [InlineData("attachment; filename*=UTF-8''vaduz%20map.pdf", "vaduz map.pdf")]
    [InlineData(null, "osm-export.pdf")]
    public void SuggestedName_IsAPlainNameInTheCurrentDirectory(string? header, string expected)
    {
        var arguments = ExportArguments.Create("osm", "9.515,47.135,9.530,47.145", "15", null, null, null, "pdf", null, false, false, null);
        var disposition = header is null ? null : ContentDispositionHeaderValue.Parse(header);

        Assert.Equal(expected, ExportCommand.SuggestedName(disposition, arguments));
    }
}
