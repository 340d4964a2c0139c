namespace SmsConnectors.AspNetCore.Outbox;

/// <summary>Settings of the Outbox page that <c>MapSmsOutbox</c> maps.</summary>
public sealed class SmsOutboxPageOptions
{
    /// <summary>
    /// Gets or sets whether the page may be mapped in an environment other than Development. The
    /// page shows every kept message in full (numbers, texts and codes), so by default
    /// <c>MapSmsOutbox</c> throws outside Development; set this only for an environment where the
    /// Outbox is what sends (a shared test or staging server), and protect the page there, for
    /// example with <c>.RequireAuthorization()</c> on what <c>MapSmsOutbox</c> returns.
    /// </summary>
    public bool AllowOutsideDevelopment { get; set; }
}
