using System.Collections;
using System.Text.Json;
using SmsConnectors.Sending;
using SmsConnectors.Serialization;

namespace SmsConnectors.Http;

/// <summary>The Generic HTTP connector's <see cref="HttpSmsOptions.MaxMessageLength"/>, applied to every value it renders or sends.</summary>
/// <param name="maxLength">The most characters a value may have.</param>
internal readonly struct HttpValueLimit(int maxLength)
{
    /// <summary>Returns <paramref name="value"/> when it is short enough.</summary>
    /// <exception cref="SmsConnectorException">It is longer than the limit.</exception>
    public string Check(string value, string what) => MessageLimits.AtMost(value, maxLength, $"The value of {what}");

    /// <summary>Checks every string in a payload that is sent as it is (Logto's default body).</summary>
    public void CheckPayload(object? value, string path = "payload", int depth = 0)
    {
        if (depth > SmsJson.MaxPayloadDepth)
        {
            throw SmsJson.TooDeep();
        }

        switch (value)
        {
            case string text:
                Check(text, path);
                break;
            case JsonElement { ValueKind: JsonValueKind.String } element:
                Check(element.GetString() ?? string.Empty, path);
                break;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                foreach (var property in element.EnumerateObject())
                {
                    CheckPayload(property.Value, $"{path}.{property.Name}", depth + 1);
                }

                break;
            case JsonElement { ValueKind: JsonValueKind.Array } element:
                foreach (var item in element.EnumerateArray())
                {
                    CheckPayload(item, path, depth + 1);
                }

                break;
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (key, item) in map)
                {
                    CheckPayload(item, $"{path}.{key}", depth + 1);
                }

                break;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    CheckPayload(entry.Value, $"{path}.{entry.Key}", depth + 1);
                }

                break;
            case IEnumerable items and not string:
                foreach (var item in items)
                {
                    CheckPayload(item, path, depth + 1);
                }

                break;
        }
    }
}
