namespace SmsConnectors.AspNetCore;

/// <summary>Settings of the delivery-report endpoint that <c>MapSmsDeliveryReports</c> maps.</summary>
public sealed class SmsDeliveryReportOptions
{
    /// <summary>
    /// Gets or sets the app's public address as vendors call it, for example
    /// <c>https://api.example.com</c> or <c>https://example.com/myapp</c>: its scheme, host, port and
    /// path replace those the app sees in the URL a vendor's signature covers (Seven signs the full
    /// URL it called), followed by the request's path below the app's path base and its query. Set
    /// it behind a reverse proxy that is not set up with forwarded headers
    /// (<c>UseForwardedHeaders</c> with <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>); when
    /// <see langword="null"/> (the default), the request's own scheme, host and path base are used.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
