using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace SmsConnectors.Serialization;

/// <summary>
/// Reads free-form JSON (request bodies, header maps) out of configuration, which the binding
/// source generator cannot bind. A key may hold the JSON as configuration children (an object in
/// appsettings.json) or as a string holding the JSON text (as Logto's console stores it).
/// </summary>
/// <remarks>
/// Configuration keeps neither value types nor key order: from children, every leaf is a string,
/// children named <c>0</c>, <c>1</c>, ... become an array, and object keys come in the
/// configuration system's order (sorted). The string form keeps the JSON exactly as written.
/// </remarks>
internal static class ConfigurationJson
{
    /// <summary>
    /// Reads the JSON object at <paramref name="section"/>: <see langword="null"/> when the key is
    /// absent or empty; otherwise the object, or <see langword="null"/> after reporting a problem.
    /// </summary>
    /// <param name="section">The key's section.</param>
    /// <param name="problem">Receives the configuration path and the problem.</param>
    public static JsonElement? ReadObject(IConfigurationSection section, Action<string, string> problem)
    {
        if (Children(section).Count > 0)
        {
            var json = SmsJson.Write(section, WriteSection);
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }

        if (string.IsNullOrWhiteSpace(section.Value))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(section.Value, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }

            problem(section.Key, $"must be a JSON object, not a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
        }
        catch (JsonException exception)
        {
            problem(section.Key, $"must be a JSON object (or a string holding one); the text is not valid JSON ({exception.Message})");
        }

        return null;
    }

    /// <summary>
    /// Reads a flat object of strings at <paramref name="section"/> (header or query maps): numbers and
    /// booleans become their text; nested objects, arrays and nulls are problems.
    /// </summary>
    /// <param name="section">The key's section.</param>
    /// <param name="problem">Receives the configuration path and the problem.</param>
    /// <returns>The map in document order, or <see langword="null"/> when the key is absent, empty or invalid.</returns>
    public static Dictionary<string, string>? ReadStringMap(IConfigurationSection section, Action<string, string> problem)
    {
        if (ReadObject(section, problem) is not { } element)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    map[property.Name] = value.GetString()!;
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    map[property.Name] = value.GetRawText();
                    break;
                default:
                    problem($"{section.Key}:{property.Name}", $"must be a string, not a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
                    break;
            }
        }

        return map;
    }

    private static void WriteSection(Utf8JsonWriter writer, IConfigurationSection section)
    {
        var children = Children(section);
        if (children.Count == 0)
        {
            if (section.Value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(section.Value);
            }

            return;
        }

        if (AsArray(children) is { } items)
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                WriteSection(writer, item);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        foreach (var child in children)
        {
            writer.WritePropertyName(child.Key);
            WriteSection(writer, child);
        }

        writer.WriteEndObject();
    }

    /// <summary>The children that hold something (a removed key may linger with a null value).</summary>
    private static List<IConfigurationSection> Children(IConfigurationSection section) =>
        section.GetChildren().Where(child => child.Exists()).ToList();

    /// <summary>The children in index order when their keys are exactly 0 to n-1; otherwise <see langword="null"/>.</summary>
    private static IConfigurationSection[]? AsArray(List<IConfigurationSection> children)
    {
        var items = new IConfigurationSection[children.Count];
        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= items.Length || items[index] is not null
                || (index > 0 && child.Key[0] == '0'))
            {
                return null;
            }

            items[index] = child;
        }

        return items;
    }
}
