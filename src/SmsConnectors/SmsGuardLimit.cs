namespace SmsConnectors;

/// <summary>A number of sends allowed in any window of a given length (a sliding window).</summary>
public sealed class SmsGuardLimit
{
    /// <summary>Gets or sets how many sends any window of <see cref="Window"/> may hold; at least 1.</summary>
    public int Limit { get; set; }

    /// <summary>Gets or sets the window's length, for example <c>01:00:00</c>.</summary>
    public TimeSpan Window { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Limit} per {Window:c}";
}
