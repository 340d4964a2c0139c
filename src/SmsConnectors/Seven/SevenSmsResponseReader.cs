using System.Text.Json;
using SmsConnectors.Serialization;

namespace SmsConnectors.Seven;

/// <summary>Reads Seven's answer to <c>POST /sms</c> in one pass, as <see cref="SevenJsonContext"/> would.</summary>
internal static class SevenSmsResponseReader
{
    /// <summary>An answer object, or <see langword="null"/> for JSON null.</summary>
    public static SevenSmsResponse? Read(ref Utf8JsonReader reader) => AnswerJson.Object(ref reader, static () => new SevenSmsResponse(), ReadProperty);

    private static bool ReadProperty(SevenSmsResponse response, scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("success"u8))
        {
            // The usual code is read as the constant, not as a new string.
            response.Success = reader.ValueSpan.SequenceEqual("100"u8) ? SevenConnector.Sent : AnswerJson.StringOrNumber(ref reader);
        }
        else if (name.SequenceEqual("total_price"u8))
        {
            response.TotalPrice = AnswerJson.Decimal(ref reader);
        }
        else if (name.SequenceEqual("messages"u8))
        {
            response.Messages = AnswerJson.List(ref reader, ReadMessage);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>
    /// The text of an answer that is a bare string or number (a result code such as <c>900</c> or
    /// <c>"900"</c>); empty for any other JSON value and for a string that is not valid UTF-8, neither of which is a code.
    /// </summary>
    public static string? ReadCode(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            reader.Skip();
            return string.Empty;
        }

        try
        {
            return AnswerJson.StringOrNumber(ref reader);
        }
        catch (InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private static SevenSmsMessage? ReadMessage(ref Utf8JsonReader reader) => AnswerJson.Object(ref reader, static () => new SevenSmsMessage(), ReadMessageProperty);

    private static bool ReadMessageProperty(SevenSmsMessage message, scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("id"u8))
        {
            message.Id = AnswerJson.StringOrNumber(ref reader);
        }
        else if (name.SequenceEqual("parts"u8))
        {
            message.Parts = AnswerJson.Int32(ref reader);
        }
        else if (name.SequenceEqual("success"u8))
        {
            message.Success = AnswerJson.Boolean(ref reader);
        }
        else if (name.SequenceEqual("error"u8))
        {
            message.Error = AnswerJson.StringOrNumber(ref reader);
        }
        else if (name.SequenceEqual("error_text"u8))
        {
            message.ErrorText = AnswerJson.String(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }
}
