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
    /// <param name="value">The rendered value.</param>
    /// <param name="what">What the value is, for the message (<c>{{message}}</c>, <c>the header</c>).</param>
    /// <param name="name">The header's or parameter's name, when the value has one.</param>
    /// <exception cref="SmsConnectorException">It is longer than the limit.</exception>
    public string Check(string value, string what, string? name = null) =>
        value.Length <= maxLength ? value : throw MessageLimits.TooLong(value.Length, maxLength, name is null ? $"The value of {what}" : $"The value of {what} '{name}'");

    /// <summary>Whether <paramref name="value"/> is short enough.</summary>
    public bool Allows(string value) => value.Length <= maxLength;

    /// <summary>Checks every string in a payload that is sent as it is (Logto's default body).</summary>
    public void CheckPayload(object? value) => CheckPayload(value, "payload", key: null, depth: 0);

    /// <summary>Checks <paramref name="value"/>, found at <paramref name="key"/> of <paramref name="path"/> (the path is only joined for a message or a nested value).</summary>
    private void CheckPayload(object? value, string path, string? key, int depth)
    {
        if (depth > SmsJson.MaxPayloadDepth)
        {
            throw SmsJson.TooDeep();
        }

        switch (value)
        {
            case string text:
                CheckLength(text, path, key);
                break;
            case JsonElement { ValueKind: JsonValueKind.String } element:
                CheckLength(element.GetString() ?? string.Empty, path, key);
                break;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                path = Join(path, key);
                foreach (var property in element.EnumerateObject())
                {
                    CheckPayload(property.Value, path, property.Name, depth + 1);
                }

                break;
            case JsonElement { ValueKind: JsonValueKind.Array } element:
                path = Join(path, key);
                foreach (var item in element.EnumerateArray())
                {
                    CheckPayload(item, path, key: null, depth + 1);
                }

                break;
            case Dictionary<string, object?> map:
                // Its own enumerator, not boxed.
                CheckEntries(map.GetEnumerator(), Join(path, key), depth);
                break;
            case IReadOnlyDictionary<string, object?> map:
                CheckEntries(map.GetEnumerator(), Join(path, key), depth);
                break;
            case IDictionary map:
                path = Join(path, key);
                foreach (DictionaryEntry entry in map)
                {
                    CheckPayload(entry.Value, path, Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture), depth + 1);
                }

                break;
            case IEnumerable items and not string:
                path = Join(path, key);
                foreach (var item in items)
                {
                    CheckPayload(item, path, key: null, depth + 1);
                }

                break;
        }
    }

    private void CheckEntries<TEntries>(TEntries entries, string path, int depth)
        where TEntries : IEnumerator<KeyValuePair<string, object?>>
    {
        using (entries)
        {
            while (entries.MoveNext())
            {
                CheckPayload(entries.Current.Value, path, entries.Current.Key, depth + 1);
            }
        }
    }

    private void CheckLength(string text, string path, string? key)
    {
        if (text.Length > maxLength)
        {
            Check(text, Join(path, key));
        }
    }

    private static string Join(string path, string? key) => key is null ? path : $"{path}.{key}";
}
