using System.Text.Json;
using System.Text.Json.Serialization;
using SmsConnectors.Outbox;

namespace SmsConnectors.AspNetCore.Outbox;

/// <summary>
/// A kept message as the Outbox page's JSON has it, under the names of the Outbox file's lines:
/// <c>id</c>, <c>timestamp</c>, <c>connector</c>, <c>type</c>, <c>to</c>, <c>text</c>, <c>code</c>.
/// </summary>
internal sealed record OutboxPageMessage(string Id, DateTimeOffset Timestamp, string Connector, string Type, string To, string Text, string? Code)
{
    /// <summary>The kept messages, newest first (the outbox lists them oldest first).</summary>
    public static OutboxPageMessage[] NewestFirst(IReadOnlyList<OutboxMessage> messages)
    {
        var page = new OutboxPageMessage[messages.Count];
        for (var i = 0; i < page.Length; i++)
        {
            var message = messages[messages.Count - 1 - i];
            page[i] = new(message.Id, message.Timestamp, message.ConnectorName, message.Type.Value, message.To, message.Text, message.Code);
        }

        return page;
    }
}

/// <summary>The Outbox page's JSON, generated at build time (the package is trimmable and AOT-compatible).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OutboxPageMessage[]))]
internal sealed partial class OutboxPageJson : JsonSerializerContext;
