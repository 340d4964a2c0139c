using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SmsConnectors.Http;

/// <summary>
/// The values the Generic connector's placeholders read, without copying the payload: the
/// payload's keys, with <c>to</c> (E.164), <c>type</c> and, once set, <c>message</c> over them.
/// </summary>
/// <param name="payload">The message's payload.</param>
/// <param name="to">The recipient in E.164.</param>
/// <param name="type">The usage type.</param>
internal sealed class HttpValues(IReadOnlyDictionary<string, object?> payload, string to, string type) : IReadOnlyDictionary<string, object?>
{
    private const string To = "to";
    private const string Type = "type";
    private const string Message = "message";

    private bool _hasMessage;
    private object? _message;

    /// <summary>Gets or sets <c>message</c>; <see langword="null"/> (unset) leaves the payload's own.</summary>
    public string? MessageText
    {
        get => _hasMessage ? _message as string : payload.TryGetValue(Message, out var value) ? value as string : null;
        set => (_hasMessage, _message) = (value is not null, value);
    }

    public int Count => payload.Count + Added().Count(key => !payload.ContainsKey(key));

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<object?> Values => this.Select(pair => pair.Value);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        switch (key)
        {
            case To:
                value = to;
                return true;
            case Type:
                value = type;
                return true;
            case Message when _hasMessage:
                value = _message;
                return true;
            default:
                return payload.TryGetValue(key, out value);
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        foreach (var (key, _) in payload)
        {
            TryGetValue(key, out var value);
            yield return new(key, value);
        }

        foreach (var key in Added())
        {
            if (!payload.ContainsKey(key))
            {
                TryGetValue(key, out var value);
                yield return new(key, value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<string> Added() => _hasMessage ? [To, Type, Message] : [To, Type];
}
