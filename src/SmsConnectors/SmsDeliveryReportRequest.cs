namespace SmsConnectors;

/// <summary>
/// A vendor's HTTP call with delivery reports, as a web framework received it: the method, the
/// full URL the vendor called (which a signature may cover), the headers, the query and the raw
/// body. Framework-neutral: <c>SmsConnectors.AspNetCore</c> builds it from an ASP.NET Core request.
/// </summary>
public sealed class SmsDeliveryReportRequest
{
    private readonly Func<string, string?> _header;
    private readonly Func<string, string?> _query;

    /// <summary>Creates the request.</summary>
    /// <param name="method">The HTTP method, for example <c>POST</c>.</param>
    /// <param name="url">
    /// The full URL the vendor called, with scheme, host, path and query, exactly as the vendor
    /// knows it: behind a reverse proxy, the public URL, not the one the app sees.
    /// </param>
    /// <param name="body">The raw body.</param>
    /// <param name="header">Returns a header's value by its name (case-insensitive), or <see langword="null"/> when the request has none.</param>
    /// <param name="query">
    /// Returns a query value by its name, or <see langword="null"/> when the query has none; when
    /// omitted, values are read from the query of <paramref name="url"/>.
    /// </param>
    public SmsDeliveryReportRequest(string method, string url, ReadOnlyMemory<byte> body, Func<string, string?> header, Func<string, string?>? query = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(header);
        Method = method;
        Url = url;
        Body = body;
        _header = header;
        _query = query ?? (name => QueryValueOf(url, name));
    }

    /// <summary>Gets the HTTP method, for example <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the full URL the vendor called, as the vendor knows it.</summary>
    public string Url { get; }

    /// <summary>Gets the raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Gets a header's value.</summary>
    /// <param name="name">The header's name (case-insensitive).</param>
    /// <returns>The value, or <see langword="null"/> when the request has no such header.</returns>
    public string? GetHeader(string name) => _header(name);

    /// <summary>Gets a query value.</summary>
    /// <param name="name">The query parameter's name.</param>
    /// <returns>The value, decoded, or <see langword="null"/> when the query has no such parameter.</returns>
    public string? GetQueryValue(string name) => _query(name);

    /// <summary>The first value of <paramref name="name"/> in the query of <paramref name="url"/>, decoded (<c>+</c> is a space).</summary>
    private static string? QueryValueOf(string url, string name)
    {
        var start = url.IndexOf('?', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = url.IndexOf('#', start);
        var query = url.AsSpan(start + 1, (end < 0 ? url.Length : end) - start - 1);
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            if (Decode(key) == name)
            {
                return equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    private static string Decode(ReadOnlySpan<char> value) => Uri.UnescapeDataString(value.ToString().Replace('+', ' '));
}
