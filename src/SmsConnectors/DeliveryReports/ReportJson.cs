using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SmsConnectors.DeliveryReports;

/// <summary>Reading a vendor's delivery-report body as JSON, with problems said in words that never quote the body.</summary>
internal static class ReportJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>Parses the body (a UTF-8 byte order mark is skipped); the parser's own message, which may quote the body, is never kept.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document)
    {
        var json = body;
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        try
        {
            document = JsonDocument.Parse(json, Options);
            return true;
        }
        catch (JsonException)
        {
            document = null;
            return false;
        }
    }

    /// <summary>The text of a property that is a JSON string or number; <see langword="null"/> when it is missing, null or of another kind.</summary>
    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        try
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-8
        }
    }

    /// <summary>Whether <paramref name="element"/> has a property <paramref name="name"/> whose value is not JSON null.</summary>
    public static bool Has(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
