using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;

namespace SmsConnectors;

/// <summary>One SMS to send: the recipient, what it is for, and the values its template uses.</summary>
public sealed record SmsMessage
{
    private static readonly IReadOnlyDictionary<string, object?> EmptyPayload =
        ReadOnlyDictionary<string, object?>.Empty;

    /// <summary>Gets the recipient's phone number, international (E.164 recommended).</summary>
    public required string To { get; init; }

    /// <summary>Gets what the message is for; selects the template.</summary>
    public required SmsUsageType Type { get; init; }

    /// <summary>
    /// Gets the values placeholders render from: <c>code</c> (the passcode), <c>locale</c>,
    /// <c>link</c> and any other key. Values may be strings, numbers, booleans, nested
    /// dictionaries, lists or <see cref="System.Text.Json.JsonElement"/>s.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Payload { get; init; } = EmptyPayload;

    /// <summary>Gets the client's IP address, when known; the guard's <c>PerIp</c> limit counts by it.</summary>
    public string? Ip { get; init; }

    /// <summary>
    /// Gets a key that makes the send idempotent: within the guard's <c>IdempotencyWindow</c>, a
    /// second send with the same key returns the first one's result (<see cref="SmsSendResult.IsReplay"/>)
    /// without sending again. One key per user action (a click on "send code"), never per attempt.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Creates a passcode message.</summary>
    /// <param name="to">The recipient's phone number.</param>
    /// <param name="type">What the passcode is for.</param>
    /// <param name="code">The passcode.</param>
    /// <param name="locale">The recipient's locale (for example <c>zh-CN</c>), used to pick a template.</param>
    /// <returns>The message.</returns>
    public static SmsMessage ForCode(string to, SmsUsageType type, string code, string? locale = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        var payload = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        if (locale is not null)
        {
            payload["locale"] = locale;
        }

        return new SmsMessage { To = to, Type = type, Payload = payload };
    }

    /// <summary>Gets the payload's <c>locale</c>, else the first of its <c>uiLocales</c>, else <see langword="null"/>.</summary>
    internal string? Locale =>
        PayloadText("locale") is { Length: > 0 } text ? text
        : PayloadText("uiLocales") is { Length: > 0 } list
            ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            : null;

    /// <summary>A payload value that is a string, or a JSON string (payloads read from JSON hold <see cref="JsonElement"/>s).</summary>
    private string? PayloadText(string key) =>
        Payload.TryGetValue(key, out var value)
            ? value switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                _ => null,
            }
            : null;

    private bool PrintMembers(StringBuilder builder)
    {
        // The number is masked and payload values (the passcode) are left out, so the message can be logged.
        builder.Append("To = ").Append(SmsPhoneNumber.Mask(To))
            .Append(", Type = ").Append(Type.Value)
            .Append(", Payload = [").AppendJoin(", ", Payload.Keys).Append(']');
        if (Ip is not null)
        {
            builder.Append(", Ip = ").Append(Ip);
        }

        if (IdempotencyKey is not null)
        {
            builder.Append(", IdempotencyKey = ").Append(IdempotencyKey);
        }

        return true;
    }
}
