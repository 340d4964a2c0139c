using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SmsConnectors.Serialization;

namespace SmsConnectors.Answers;

/// <summary>A vendor's answer, read whole (up to the connector's cap) before it is classified.</summary>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="headers">The answer's headers, when there were any.</param>
/// <param name="body">The body.</param>
internal sealed class VendorAnswer(int statusCode, HttpResponseHeaders? headers, ReadOnlyMemory<byte> body)
{
    private const int SnippetLength = 1024;
    private const string NotDocumented = "it is not the JSON the vendor documents";
    private const string IsNull = "it is JSON null";
    private string? _text;
    private byte[]? _pooled;

    public int StatusCode { get; } = statusCode;

    public bool IsSuccessStatus => StatusCode is >= 200 and <= 299;

    /// <summary>Gets whether the status is a server error other than 503, after which a vendor may still have accepted the message.</summary>
    public bool IsAmbiguousServerError => StatusCode >= 500 && StatusCode != 503;

    public HttpResponseHeaders? Headers { get; } = headers;

    public ReadOnlyMemory<byte> Body { get; private set; } = body;

    /// <summary>An answer whose body is the first <paramref name="length"/> bytes of an array from the shared pool, which <see cref="Release"/> returns.</summary>
    public static VendorAnswer Pooled(int statusCode, HttpResponseHeaders? headers, byte[] pooled, int length) =>
        new(statusCode, headers, pooled.AsMemory(0, length)) { _pooled = pooled };

    /// <summary>
    /// Returns a pooled body to the pool once the answer has been classified; the body is empty
    /// afterwards. An answer that is never released leaves its buffer to the collector.
    /// </summary>
    public void Release()
    {
        if (_pooled is { } pooled)
        {
            (_pooled, Body) = (null, ReadOnlyMemory<byte>.Empty);
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    /// <summary>Gets the body as text; bytes that are not UTF-8 become U+FFFD.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Body.Span);

    /// <summary>Gets at most the first 1 KiB of the body, for errors (redact before keeping it).</summary>
    public string Snippet => Text.Length <= SnippetLength ? Text : Text[..SnippetLength];

    /// <summary>
    /// Reads the body as JSON of the given shape. An answer that is not (empty, HTML, truncated,
    /// wrong types, invalid UTF-8 inside a string, JSON null) gives <see langword="false"/> and
    /// says why in <paramref name="problem"/>; the parser's own message, which may quote the body,
    /// is never kept.
    /// </summary>
    public bool TryReadJson<T>(JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            value = JsonSerializer.Deserialize(Json, typeInfo);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            (value, problem) = (default, NotDocumented);
            return false;
        }

        problem = value is null ? IsNull : null;
        return value is not null;
    }

    /// <summary>
    /// Reads the body in one pass with <paramref name="read"/> (see <see cref="AnswerJson"/>), accepting
    /// and failing what <see cref="TryReadJson{T}(JsonTypeInfo{T}, out T, out string)"/> does for the same shape.
    /// </summary>
    public bool TryReadJson<T>(AnswerJson.ValueReader<T?> read, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? problem)
        where T : class
    {
        if (!AnswerJson.TryRead(Json, read, out value))
        {
            problem = NotDocumented;
            return false;
        }

        problem = value is null ? IsNull : null;
        return value is not null;
    }

    /// <summary>Reads an element of an already parsed body as the given shape, like <see cref="TryReadJson{T}(JsonTypeInfo{T}, out T, out string)"/>.</summary>
    public static bool TryReadJson<T>(JsonElement element, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            value = element.Deserialize(typeInfo);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            (value, problem) = (default, NotDocumented);
            return false;
        }

        problem = value is null ? IsNull : null;
        return value is not null;
    }

    /// <summary>The wait the vendor asked for in <c>Retry-After</c> (seconds or a date), when it did.</summary>
    public TimeSpan? RetryAfter(TimeProvider timeProvider) => Headers?.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Gets the body without a UTF-8 byte order mark.</summary>
    private ReadOnlySpan<byte> Json => Body.Span.StartsWith(Utf8Bom) ? Body.Span[Utf8Bom.Length..] : Body.Span;
}
