namespace SmsConnectors.Answers;

/// <summary>What a vendor's rules make of its answer: sent, a failure the vendor reported, or an answer they do not understand.</summary>
internal readonly struct VendorVerdict
{
    private VendorVerdict(VerdictKind kind) => Kind = kind;

    public VerdictKind Kind { get; }

    public string? MessageId { get; private init; }

    public string? RequestId { get; private init; }

    /// <summary>Gets our code for a failure; for an answer not understood, the code used when no status rule applies.</summary>
    public SmsErrorCode Code { get; private init; }

    public string? ProviderCode { get; private init; }

    public string? ProviderMessage { get; private init; }

    /// <summary>Gets what the vendor's failure means, or why the answer was not understood.</summary>
    public string? Meaning { get; private init; }

    public bool MayHaveBeenSent { get; private init; }

    public bool IsTransient { get; private init; }

    /// <summary>Gets how many messages the vendor billed, when it said.</summary>
    public int? BilledParts { get; private init; }

    /// <summary>Gets what the vendor charged, when it said.</summary>
    public decimal? Price { get; private init; }

    /// <summary>The vendor accepted the message.</summary>
    public static VendorVerdict Sent(string? messageId, string? requestId = null, int? billedParts = null, decimal? price = null) =>
        new(VerdictKind.Sent) { MessageId = NullIfEmpty(messageId), RequestId = NullIfEmpty(requestId), BilledParts = billedParts, Price = price };

    /// <summary>The vendor reported a failure in a body it documents.</summary>
    /// <param name="code">Our code for it.</param>
    /// <param name="providerCode">The vendor's code, when it gave one.</param>
    /// <param name="providerMessage">The vendor's text, when it gave one (redacted before it is kept).</param>
    /// <param name="meaning">What the failure means, when known.</param>
    /// <param name="mayHaveBeenSent">Whether the message may still have gone out.</param>
    /// <param name="isTransient">Whether the failure may pass soon, so that a retry may help.</param>
    /// <param name="requestId">The vendor's request id, when it gave one.</param>
    public static VendorVerdict Failed(
        SmsErrorCode code, string? providerCode, string? providerMessage, string? meaning, bool mayHaveBeenSent, bool isTransient = false, string? requestId = null) =>
        new(VerdictKind.Failed)
        {
            Code = code,
            ProviderCode = NullIfEmpty(providerCode),
            ProviderMessage = providerMessage,
            Meaning = meaning,
            MayHaveBeenSent = mayHaveBeenSent,
            IsTransient = isTransient,
            RequestId = NullIfEmpty(requestId),
        };

    /// <summary>The vendor's rules cannot read the answer; the status decides (see <see cref="AnswerClassifier"/>).</summary>
    /// <param name="reason">Why, for the error message.</param>
    /// <param name="code">Our code when the status is neither 429 nor 503.</param>
    public static VendorVerdict NotUnderstood(string? reason, SmsErrorCode code = SmsErrorCode.InvalidResponse) =>
        new(VerdictKind.NotUnderstood) { Meaning = reason, Code = code };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
