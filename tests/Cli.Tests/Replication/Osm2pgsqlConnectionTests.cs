using TileCluster.Cli.Replication;

namespace TileCluster.Cli.Tests.Replication;

public sealed class Osm2pgsqlConnectionTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=54329;Username=postgres;Database=tilecluster", "-H 127.0.0.1 -P 54329 -U postgres -d tilecluster")]
    [InlineData("Host=db.example;Database=gis", "-H db.example -P 5432 -d gis")]
    [InlineData("Server=db;User ID=osm;Database=gis;Port=6432", "-H db -P 6432 -U osm -d gis")]
    [InlineData("Host=/var/run/postgresql;Username=renderer;Database=osm", "-H /var/run/postgresql -P 5432 -U renderer -d osm")]
    public void Turns_a_connection_string_into_osm2pgsql_arguments(string connectionString, string arguments)
    {
        Assert.True(Osm2pgsqlConnection.TryParse(connectionString, out var connection, out string? error), error);
        Assert.Equal(arguments, string.Join(' ', connection!.Arguments));
        Assert.Empty(connection.Environment);
    }

    [Fact]
    public void A_password_goes_into_PGPASSWORD_never_onto_the_command_line()
    {
        Assert.True(Osm2pgsqlConnection.TryParse("Host=db;Username=osm;Password=s3cr=t;Database=gis", out var connection, out _));

        Assert.Equal("s3cr=t", connection!.Environment["PGPASSWORD"]);
        Assert.DoesNotContain(connection.Arguments, a => a.Contains("s3cr", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr", connection.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ssl_mode_goes_into_PGSSLMODE()
    {
        Assert.True(Osm2pgsqlConnection.TryParse("Host=db;Database=gis;SSL Mode=Require", out var connection, out _));

        Assert.Equal("require", connection!.Environment["PGSSLMODE"]);
    }

    [Theory]
    [InlineData("Host=db;Username=osm", "names no Database")]
    [InlineData("Host=a,b;Database=gis", "Host 'a,b' lists several hosts")]
    [InlineData("Hots=db;Database=gis", "not a valid connection string")]
    [InlineData("just words", "not a valid connection string")]
    public void Rejects_what_osm2pgsql_cannot_use(string connectionString, string reason)
    {
        Assert.False(Osm2pgsqlConnection.TryParse(connectionString, out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_osm2pgsql_command_appends_slim_with_expiry_and_one_process()
    {
        Assert.True(Osm2pgsqlConnection.TryParse("Host=127.0.0.1;Port=54329;Username=postgres;Database=osm", out var connection, out _));
        var settings = new Osm2pgsqlSettings("osm2pgsql", "/usr/share/osm2pgsql/default.style", new ZoomRange(10, 18), connection!);

        var arguments = Osm2pgsqlRunner.BuildArguments(settings, "/w/diffs/466354.osc.gz", "/w/expire/466354.list");

        Assert.Equal(
            "--append --slim --style /usr/share/osm2pgsql/default.style --expire-tiles=10-18 --expire-output=/w/expire/466354.list --number-processes 1 -H 127.0.0.1 -P 54329 -U postgres -d osm /w/diffs/466354.osc.gz",
            string.Join(' ', arguments));
    }
}
