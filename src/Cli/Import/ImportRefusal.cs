namespace TileCluster.Cli.Import;

/// <summary>A TileStache setting that was not carried over, and why.</summary>
/// <param name="Path">Where it is in the TileStache file, as a JSON Pointer (<c>/layers/osm/provider</c>).</param>
/// <param name="Reason">Why it was not carried over.</param>
internal sealed record ImportRefusal(string Path, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: not carried over: {Reason}";
}
