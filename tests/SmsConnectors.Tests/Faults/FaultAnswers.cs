using System.Globalization;
using System.Text;

namespace SmsConnectors.Tests.Faults;

/// <summary>HTTP/1.1 answers written byte by byte, whole or broken on purpose.</summary>
public static class FaultAnswers
{
    /// <summary>A whole answer with a right <c>Content-Length</c> and <c>Connection: keep-alive</c>.</summary>
    public static byte[] Whole(int status, byte[] body, string contentType = "application/json") =>
        [.. Head(status, contentType, $"Content-Length: {body.Length}", "Connection: keep-alive"), .. body];

    public static byte[] Whole(int status, string body, string contentType = "application/json") =>
        Whole(status, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>A head that promises more body than follows (the server then closes).</summary>
    public static byte[] LongerThanSent(int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [.. Head(status, "application/json", $"Content-Length: {bytes.Length + 100}"), .. bytes];
    }

    /// <summary>A head and the first half of the body it promises (the server then resets).</summary>
    public static byte[] FirstHalf(int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [.. Head(status, "application/json", $"Content-Length: {bytes.Length}"), .. bytes.AsSpan(0, bytes.Length / 2)];
    }

    /// <summary>A chunked answer whose first chunk header is not hexadecimal.</summary>
    public static byte[] MalformedChunk(int status) =>
        [.. Head(status, "application/json", "Transfer-Encoding: chunked"), .. "zz\r\n"u8];

    public static byte[] Head(int status, string contentType, params string[] headers)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };
}
