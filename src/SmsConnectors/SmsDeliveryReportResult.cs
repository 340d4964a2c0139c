namespace SmsConnectors;

/// <summary>
/// What a connector made of a vendor's call with delivery reports: the reports it accepted and
/// the answer the vendor expects, or why it refused the call and with which HTTP status. A reason
/// never contains a phone number or a secret, so it can be logged.
/// </summary>
public sealed class SmsDeliveryReportResult
{
    private Action? _notProcessed;

    private SmsDeliveryReportResult(int statusCode, IReadOnlyList<SmsDeliveryReport> reports, string? reason, string? acknowledgement, string? acknowledgementContentType, Action? notProcessed)
    {
        StatusCode = statusCode;
        Reports = reports;
        Reason = reason;
        Acknowledgement = acknowledgement;
        AcknowledgementContentType = acknowledgementContentType;
        _notProcessed = notProcessed;
    }

    /// <summary>Gets the HTTP status to answer: 200 when the call was accepted; 400, 401 or 503 when it was refused.</summary>
    public int StatusCode { get; }

    /// <summary>Gets whether the call was accepted (its reports, possibly none, are <see cref="Reports"/>).</summary>
    public bool IsAccepted => StatusCode == 200;

    /// <summary>Gets the reports of an accepted call, in the vendor's order; empty for a refused call.</summary>
    public IReadOnlyList<SmsDeliveryReport> Reports { get; }

    /// <summary>
    /// Gets why the call was refused, or why an accepted call carried no report (a webhook of
    /// another kind); <see langword="null"/> for an accepted call with reports.
    /// </summary>
    public string? Reason { get; }

    /// <summary>Gets the body the vendor expects in the answer to an accepted call (Tencent: <c>{"result":0,"errmsg":"OK"}</c>), or <see langword="null"/> for none.</summary>
    public string? Acknowledgement { get; }

    /// <summary>Gets the content type of <see cref="Acknowledgement"/>, when there is one.</summary>
    public string? AcknowledgementContentType { get; }

    /// <summary>Creates the result of an accepted call.</summary>
    /// <param name="reports">The reports, in the vendor's order.</param>
    /// <param name="acknowledgement">The body the vendor expects in the answer, if any.</param>
    /// <param name="acknowledgementContentType">The content type of <paramref name="acknowledgement"/>.</param>
    /// <param name="notProcessed">Runs when <see cref="NotProcessed"/> is called, at most once.</param>
    /// <returns>The result.</returns>
    public static SmsDeliveryReportResult Accepted(IReadOnlyList<SmsDeliveryReport> reports, string? acknowledgement = null, string? acknowledgementContentType = null, Action? notProcessed = null)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return new(200, reports, null, acknowledgement, acknowledgementContentType, notProcessed);
    }

    /// <summary>Creates the result of an accepted call that carries no delivery report (a webhook of another kind).</summary>
    /// <param name="reason">Why there is no report, for the log.</param>
    /// <param name="acknowledgement">The body the vendor expects in the answer, if any.</param>
    /// <param name="acknowledgementContentType">The content type of <paramref name="acknowledgement"/>.</param>
    /// <returns>The result.</returns>
    public static SmsDeliveryReportResult Ignored(string reason, string? acknowledgement = null, string? acknowledgementContentType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(200, [], reason, acknowledgement, acknowledgementContentType, null);
    }

    /// <summary>Creates the result of a refused call.</summary>
    /// <param name="statusCode">
    /// The HTTP status to answer: 400 for a body that is not the vendor's, 401 for a missing or
    /// wrong signature or token, 503 for a call that cannot be taken now (the vendor retries).
    /// </param>
    /// <param name="reason">Why, for the log; never a phone number or a secret.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not a 4xx or 5xx status.</exception>
    public static SmsDeliveryReportResult Refused(int statusCode, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(statusCode, [], reason, null, null, null);
    }

    /// <summary>
    /// Tells the connector that the accepted reports were not processed (a handler failed, so the
    /// call is answered with an error and the vendor will send it again): a connector that refuses
    /// replays (Seven, by the nonce) then accepts the same call again.
    /// </summary>
    public void NotProcessed() => Interlocked.Exchange(ref _notProcessed, null)?.Invoke();
}
