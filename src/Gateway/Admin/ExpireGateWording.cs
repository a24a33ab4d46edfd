namespace TileCluster.Gateway.Admin;

/// <summary>
/// How one admin endpoint names its work in the problems <see cref="ExpireGate"/> answers, so a
/// refused delete says nothing was deleted and a refused expiry that nothing was applied.
/// </summary>
/// <param name="Verb">The request's verb: <c>Invalid {Verb} request</c>.</param>
/// <param name="List">What the body is called: <c>Malformed {List}</c>, <c>the {List} is larger than …</c>.</param>
/// <param name="Undone">What a refusal did not do: <c>…; {Undone}. First: …</c>.</param>
/// <param name="SplitHint">Appended to the too-large answer: how to post the list in parts, or empty.</param>
internal sealed record ExpireGateWording(string Verb, string List, string Undone, string SplitHint);
