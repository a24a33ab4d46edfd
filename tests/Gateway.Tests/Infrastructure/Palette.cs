namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>The openstreetmap-carto colours the default style uses, as the tests look for them.</summary>
internal static class Palette
{
    public const string Land = "#f2efe9";
    public const string Water = "#aad3df";
    public const string Residential = "#e0dfdf";
    public const string Building = "#d9d0c9";
    public const string Primary = "#fcd6a4";
    public const string Secondary = "#f7fabf";
    public const string RoadWhite = "#ffffff";
    public const string Forest = "#add19e";
}
