using System.Text;

namespace SmsConnectors.Outbox;

/// <summary>A message the Outbox connector kept instead of sending.</summary>
public sealed record OutboxMessage
{
    /// <summary>Gets the message's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the name of the Outbox connector that kept it.</summary>
    public required string ConnectorName { get; init; }

    /// <summary>Gets the recipient, normalised to E.164.</summary>
    public required string To { get; init; }

    /// <summary>Gets the usage type.</summary>
    public required SmsUsageType Type { get; init; }

    /// <summary>Gets the rendered text, as a vendor would have sent it.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the message's payload.</summary>
    public required IReadOnlyDictionary<string, object?> Payload { get; init; }

    /// <summary>Gets the client IP that came with the message, if any.</summary>
    public string? Ip { get; init; }

    /// <summary>Gets when the message was kept.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the payload's <c>code</c> as text, if it has one.</summary>
    public string? Code => Payload.TryGetValue("code", out var code) && code is not null ? Templates.MessageTemplate.Stringify(code) : null;

    private bool PrintMembers(StringBuilder builder)
    {
        // Like SmsMessage: the number is masked and the text (which holds the code) is left out.
        builder.Append("Id = ").Append(Id)
            .Append(", ConnectorName = ").Append(ConnectorName)
            .Append(", To = ").Append(SmsPhoneNumber.Mask(To))
            .Append(", Type = ").Append(Type.Value)
            .Append(", Timestamp = ").Append(Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}
