using System.Collections.Immutable;
using SkiaSharp;
using YamlDotNet.RepresentationModel;

namespace TileCluster.Rendering.Styles;

/// <summary>Font sets: every file is opened while the style loads, so a missing font stops start-up.</summary>
internal sealed partial class StyleParser
{
    private void ParseFontSets(YamlNode node)
    {
        var map = AsMapping(node, "'fonts'");
        if (map.Children.Count == 0)
        {
            throw Fail(node, "'fonts' must name at least one font set");
        }

        var sets = ImmutableDictionary.CreateBuilder<string, FontSet>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            string name = KeyOf(keyNode);
            var list = AsSequence(value, $"fonts: {name}");
            if (list.Children.Count == 0)
            {
                throw Fail(value, $"font set '{name}' lists no font files");
            }

            var files = ImmutableArray.CreateBuilder<string>(list.Children.Count);
            var typefaces = ImmutableArray.CreateBuilder<SKTypeface>(list.Children.Count);
            foreach (var item in list.Children)
            {
                string file = Path.GetFullPath(String(item, $"fonts: {name}"), _directory);
                if (!File.Exists(file))
                {
                    throw Fail(item, $"font set '{name}': font file '{file}' does not exist");
                }

                // Without fontconfig Skia cannot find fonts by family name, so fonts come from files.
                var typeface = SKTypeface.FromFile(file);
                if (typeface is null || typeface.GlyphCount == 0)
                {
                    typeface?.Dispose();
                    throw Fail(item, $"font set '{name}': '{file}' is not a font file Skia can read");
                }

                files.Add(file);
                typefaces.Add(typeface);
            }

            var set = new FontSet(name, files.MoveToImmutable(), typefaces.MoveToImmutable());
            sets.Add(name, set);
            _defaultFontSet ??= set;
        }

        _fontSets = sets.ToImmutable();
    }

    private FontSet FontSetNamed(YamlNode node, string key)
    {
        string name = String(node, key);
        return _fontSets.TryGetValue(name, out var set)
            ? set
            : throw Fail(node, $"'{key}': unknown font set '{name}' (the style's 'fonts' declares: {(_fontSets.IsEmpty ? "none" : string.Join(", ", _fontSets.Keys.Order(StringComparer.Ordinal)))})");
    }
}
