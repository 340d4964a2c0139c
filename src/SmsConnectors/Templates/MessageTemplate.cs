using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmsConnectors.Templates;

/// <summary>
/// A parsed text with Logto's <c>{{ key }}</c> placeholders: spaces allowed inside the braces, the
/// key is ASCII word characters and dots (<c>application.name</c>, <c>items.1</c>). A root key
/// absent from the payload leaves the placeholder as it is (or fails, when strict); a nested path
/// that is missing or null renders empty; values render as-is, without escaping.
/// </summary>
internal sealed partial class MessageTemplate
{
    /// <summary>The largest builder a thread keeps between renders; a larger one is left to the collector.</summary>
    private const int MaxKeptBuilderCapacity = 1024;

    [ThreadStatic]
    private static StringBuilder? _threadBuilder;

    private readonly object[] _parts;

    private MessageTemplate(string text, object[] parts)
    {
        Text = text;
        _parts = parts;
        Placeholders = parts.OfType<Placeholder>().Select(p => p.Path).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Gets the template's source text.</summary>
    public string Text { get; }

    /// <summary>Gets the distinct placeholder paths, in order of first appearance.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The template text.</param>
    /// <returns>The parsed template.</returns>
    public static MessageTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<object>();
        var position = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            if (match.Index > position)
            {
                parts.Add(text[position..match.Index]);
            }

            parts.Add(new Placeholder(match.Value, match.Groups[1].Value));
            position = match.Index + match.Length;
        }

        if (position < text.Length)
        {
            parts.Add(text[position..]);
        }

        return new MessageTemplate(text, [.. parts]);
    }

    /// <summary>Renders the template with <paramref name="payload"/>.</summary>
    /// <param name="payload">The values placeholders read.</param>
    /// <param name="strict">
    /// When <see langword="true"/>, a placeholder whose root key is absent fails with
    /// <see cref="SmsErrorCode.InvalidRequestParameters"/> instead of being left in the text.
    /// </param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="SmsConnectorException">Strict, and a placeholder's root key is absent.</exception>
    public string Render(IReadOnlyDictionary<string, object?> payload, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (_parts.Length == 1 && _parts[0] is string only)
        {
            return only;
        }

        var builder = RentBuilder();
        foreach (var part in _parts)
        {
            if (part is string literal)
            {
                builder.Append(literal);
                continue;
            }

            var placeholder = (Placeholder)part;
            if (!payload.TryGetValue(placeholder.Root, out var root))
            {
                if (strict)
                {
                    throw new SmsConnectorException(
                        SmsErrorCode.InvalidRequestParameters,
                        $"The template uses the placeholder {placeholder.Source}, but the message payload has no '{placeholder.Root}'.")
                    {
                        MayHaveBeenSent = false,
                    };
                }

                builder.Append(placeholder.Source);
                continue;
            }

            AppendValue(builder, placeholder.Walk(root), depth: 0);
        }

        return ToStringAndReturn(builder);
    }

    /// <summary>The thread's builder (a fresh one when it is in use, as while a value is stringified).</summary>
    private static StringBuilder RentBuilder()
    {
        var builder = _threadBuilder ?? new StringBuilder(MaxKeptBuilderCapacity);
        _threadBuilder = null;
        return builder.Clear();
    }

    private static string ToStringAndReturn(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= MaxKeptBuilderCapacity)
        {
            _threadBuilder = builder;
        }

        return text;
    }

    /// <summary>Turns a value into text the way JavaScript's <c>String(value ?? '')</c> does.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Its text.</returns>
    public static string Stringify(object? value)
    {
        if (value is string text)
        {
            return text;
        }

        var builder = new StringBuilder();
        AppendValue(builder, value, depth: 0);
        return builder.ToString();
    }

    private static void AppendValue(StringBuilder builder, object? value, int depth)
    {
        if (depth > Serialization.SmsJson.MaxPayloadDepth)
        {
            throw Serialization.SmsJson.TooDeep();
        }

        switch (value)
        {
            case null:
                return;
            case string text:
                builder.Append(text);
                return;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                return;
            case JsonElement element:
                AppendJson(builder, element);
                return;
            case DateTime or DateTimeOffset:
                builder.Append(((IFormattable)value).ToString("O", CultureInfo.InvariantCulture));
                return;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IDictionary or IReadOnlyDictionary<string, object?> or IReadOnlyDictionary<string, string>:
                builder.Append("[object Object]");
                return;
            case IEnumerable items:
                var first = true;
                foreach (var item in items)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendValue(builder, item, depth + 1);
                }

                return;
            default:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
        }
    }

    private static void AppendJson(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                builder.Append(element.GetString());
                return;
            case JsonValueKind.Number:
                builder.Append(element.GetRawText());
                return;
            case JsonValueKind.True:
                builder.Append("true");
                return;
            case JsonValueKind.False:
                builder.Append("false");
                return;
            case JsonValueKind.Object:
                builder.Append("[object Object]");
                return;
            case JsonValueKind.Array:
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendJson(builder, item);
                }

                return;
            default:
                return;
        }
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    private sealed class Placeholder
    {
        private readonly string[] _segments;

        public Placeholder(string source, string path)
        {
            Source = source;
            Path = path;
            _segments = path.Split('.');
            Root = _segments[0];
        }

        public string Source { get; }

        public string Path { get; }

        public string Root { get; }

        public object? Walk(object? root)
        {
            var current = root;
            for (var i = 1; i < _segments.Length; i++)
            {
                current = Child(current, _segments[i]);
            }

            return current;
        }

        private static object? Child(object? parent, string key) => parent switch
        {
            JsonElement { ValueKind: JsonValueKind.Object } element =>
                element.TryGetProperty(key, out var property) ? property : null,
            JsonElement { ValueKind: JsonValueKind.Array } element =>
                TryIndex(key, element.GetArrayLength(), out var index) ? element[index] : null,
            IReadOnlyDictionary<string, object?> map => map.TryGetValue(key, out var value) ? value : null,
            IReadOnlyDictionary<string, string> map => map.TryGetValue(key, out var value) ? value : null,
            IDictionary map => map.Contains(key) ? map[key] : null,
            string => null,
            IList list => TryIndex(key, list.Count, out var index) ? list[index] : null,
            IReadOnlyList<object?> list => TryIndex(key, list.Count, out var index) ? list[index] : null,
            _ => null,
        };

        private static bool TryIndex(string key, int count, out int index) =>
            int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count;
    }
}
