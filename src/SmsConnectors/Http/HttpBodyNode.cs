using System.Text.Json;
using SmsConnectors.Templates;

namespace SmsConnectors.Http;

/// <summary>A parsed JSON body: objects and arrays nest, string values are templates, other values are kept as they are.</summary>
internal abstract class HttpBodyNode
{
    public static HttpBodyNode Parse(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new ObjectNode([.. element.EnumerateObject().Select(p => (p.Name, Parse(p.Value)))]),
        JsonValueKind.Array => new ArrayNode([.. element.EnumerateArray().Select(Parse)]),
        JsonValueKind.String => new TextNode(MessageTemplate.Parse(element.GetString()!)),
        _ => new LiteralNode(element.Clone()),
    };

    /// <summary>Writes the node with every string value rendered from <paramref name="values"/>.</summary>
    public abstract void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values, bool strict, HttpValueLimit limit);

    private sealed class ObjectNode((string Name, HttpBodyNode Value)[] properties) : HttpBodyNode
    {
        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values, bool strict, HttpValueLimit limit)
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WritePropertyName(name);
                value.Write(writer, values, strict, limit);
            }

            writer.WriteEndObject();
        }
    }

    private sealed class ArrayNode(HttpBodyNode[] items) : HttpBodyNode
    {
        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values, bool strict, HttpValueLimit limit)
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.Write(writer, values, strict, limit);
            }

            writer.WriteEndArray();
        }
    }

    private sealed class TextNode(MessageTemplate template) : HttpBodyNode
    {
        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values, bool strict, HttpValueLimit limit) =>
            writer.WriteStringValue(limit.Check(template.Render(values, strict), "a body value"));
    }

    private sealed class LiteralNode(JsonElement value) : HttpBodyNode
    {
        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values, bool strict, HttpValueLimit limit) =>
            value.WriteTo(writer);
    }
}
