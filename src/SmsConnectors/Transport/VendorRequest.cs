namespace SmsConnectors.Transport;

/// <summary>
/// A request to a vendor that carries how far it got towards the vendor, so that the connection
/// callback can report the connection it opens for it.
/// </summary>
/// <param name="method">The HTTP method.</param>
/// <param name="uri">The address.</param>
internal sealed class VendorRequest(HttpMethod method, Uri uri) : HttpRequestMessage(method, uri)
{
    /// <summary>Gets or sets the progress of the attempt that sends this request, when one is followed.</summary>
    public ConnectionProgress? Progress { get; set; }
}
