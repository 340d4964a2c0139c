using System.Text.Json.Serialization;

namespace SmsConnectors.Guard;

/// <summary>What the store keeps under an idempotency key: a send in flight, its result, or a failure that may have been sent.</summary>
internal sealed class IdempotencyRecord
{
    public const string InFlight = "in-flight";
    public const string Sent = "sent";
    public const string Failed = "failed";

    [JsonPropertyName("state")]
    public string State { get; set; } = InFlight;

    /// <summary>Gets or sets the id of the send that holds the key, so that only it completes the key.</summary>
    [JsonPropertyName("owner")]
    public string? Owner { get; set; }

    /// <summary>Gets or sets the recipient's hashed key, so that a key reused for another number is refused.</summary>
    [JsonPropertyName("recipient")]
    public string Recipient { get; set; } = string.Empty;

    [JsonPropertyName("result")]
    public SentRecord? Result { get; set; }

    [JsonPropertyName("error")]
    public FailedRecord? Error { get; set; }

    internal sealed class SentRecord
    {
        [JsonPropertyName("connector")]
        public string ConnectorName { get; set; } = string.Empty;

        [JsonPropertyName("messageId")]
        public string? MessageId { get; set; }

        [JsonPropertyName("requestId")]
        public string? RequestId { get; set; }

        [JsonPropertyName("segments")]
        public int? Segments { get; set; }

        [JsonPropertyName("encoding")]
        public SmsEncoding? Encoding { get; set; }

        [JsonPropertyName("billedParts")]
        public int? BilledParts { get; set; }

        [JsonPropertyName("price")]
        public decimal? Price { get; set; }

        public static SentRecord From(SmsSendResult result) => new()
        {
            ConnectorName = result.ConnectorName,
            MessageId = result.MessageId,
            RequestId = result.RequestId,
            Segments = result.Segments,
            Encoding = result.Encoding,
            BilledParts = result.BilledParts,
            Price = result.Price,
        };

        public SmsSendResult Replay() => new()
        {
            ConnectorName = ConnectorName,
            MessageId = MessageId,
            RequestId = RequestId,
            Segments = Segments,
            Encoding = Encoding,
            BilledParts = BilledParts,
            Price = Price,
            IsReplay = true,
        };
    }

    internal sealed class FailedRecord
    {
        [JsonPropertyName("connector")]
        public string? ConnectorName { get; set; }

        [JsonPropertyName("code")]
        public SmsErrorCode Code { get; set; }

        [JsonPropertyName("message")]
        public string Message { get; set; } = string.Empty;

        [JsonPropertyName("providerCode")]
        public string? ProviderCode { get; set; }

        [JsonPropertyName("requestId")]
        public string? RequestId { get; set; }

        [JsonPropertyName("httpStatus")]
        public int? HttpStatus { get; set; }

        public static FailedRecord From(SmsConnectorException exception) => new()
        {
            ConnectorName = exception.ConnectorName,
            Code = exception.Code,
            Message = exception.Message,
            ProviderCode = exception.ProviderCode,
            RequestId = exception.RequestId,
            HttpStatus = exception.HttpStatus,
        };

        /// <summary>The first send's failure again: it may have been sent, so the replay must not send either.</summary>
        public SmsConnectorException Replay() =>
            new(Code, $"An earlier send with the same idempotency key failed and may have been sent, so this one was not sent again. The earlier failure: {Message}")
            {
                ProviderCode = ProviderCode,
                RequestId = RequestId,
                HttpStatus = HttpStatus,
                MayHaveBeenSent = true,
            };
    }
}
