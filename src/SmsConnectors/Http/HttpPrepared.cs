namespace SmsConnectors.Http;

/// <summary>A Generic HTTP message ready to send: its rendered address, headers and body.</summary>
/// <param name="Uri">The endpoint with its rendered query.</param>
/// <param name="Headers">The rendered extra headers, in order.</param>
/// <param name="Body">The body of a POST; <see langword="null"/> for a GET.</param>
internal readonly record struct HttpPrepared(Uri Uri, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body);
