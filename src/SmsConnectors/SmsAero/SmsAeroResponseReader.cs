using System.Text.Json;
using SmsConnectors.Serialization;

namespace SmsConnectors.SmsAero;

/// <summary>Reads SMSAero's answer to a send in one pass, as <see cref="SmsAeroJsonContext"/> would.</summary>
internal static class SmsAeroResponseReader
{
    /// <summary>
    /// An answer object, or <see langword="null"/> for JSON null. <c>data</c> is kept as an element,
    /// as the model declares it: the serializer parses it the same way, into a document of its own.
    /// </summary>
    public static SmsAeroResponse? Read(ref Utf8JsonReader reader)
    {
        if (!AnswerJson.StartObject(ref reader))
        {
            return null;
        }

        var response = new SmsAeroResponse();
        while (AnswerJson.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("success"u8))
            {
                response.Success = AnswerJson.Boolean(ref reader);
            }
            else if (name.SequenceEqual("data"u8))
            {
                response.Data = JsonElement.ParseValue(ref reader);
            }
            else if (name.SequenceEqual("message"u8))
            {
                response.Message = AnswerJson.String(ref reader);
            }
            else if (name.SequenceEqual("result"u8))
            {
                response.Result = AnswerJson.String(ref reader);
            }
            else if (name.SequenceEqual("reason"u8))
            {
                response.Reason = AnswerJson.String(ref reader);
            }
            else if (name.SequenceEqual("id"u8))
            {
                response.Id = AnswerJson.StringOrNumber(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return response;
    }
}
