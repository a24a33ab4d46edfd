namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>A line of an expire list that could not be read.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Reason">What is wrong with it, naming the offending part.</param>
public sealed record ExpireLineError(int Line, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {Line}: {Reason}";
}
