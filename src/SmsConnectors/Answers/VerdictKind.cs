namespace SmsConnectors.Answers;

/// <summary>The kinds of <see cref="VendorVerdict"/>.</summary>
internal enum VerdictKind
{
    Sent,
    Failed,
    NotUnderstood,
}
