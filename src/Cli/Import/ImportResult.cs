using System.Text.Json.Nodes;

namespace TileCluster.Cli.Import;

/// <summary>A converted configuration and the settings that could not be carried over.</summary>
/// <param name="Configuration">Our configuration sections (<c>Layers</c>, <c>Cache</c>, <c>Store</c>, <c>Index</c>, <c>Logging</c>).</param>
/// <param name="Refusals">Every TileStache setting not carried over, in file order.</param>
internal sealed record ImportResult(JsonObject Configuration, IReadOnlyList<ImportRefusal> Refusals);
