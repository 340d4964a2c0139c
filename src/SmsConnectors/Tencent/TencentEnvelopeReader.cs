using System.Text.Json;
using SmsConnectors.Serialization;

namespace SmsConnectors.Tencent;

/// <summary>Reads Tencent's answer to <c>SendSms</c> in one pass, as <see cref="TencentJsonContext"/> would.</summary>
internal static class TencentEnvelopeReader
{
    /// <summary>An answer object, or <see langword="null"/> for JSON null.</summary>
    public static TencentEnvelope? Read(ref Utf8JsonReader reader) => AnswerJson.Object(ref reader, static () => new TencentEnvelope(), ReadProperty);

    private static bool ReadProperty(TencentEnvelope envelope, scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("Response"u8))
        {
            envelope.Response = ReadResponse(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static TencentResponse? ReadResponse(ref Utf8JsonReader reader) => AnswerJson.Object(ref reader, static () => new TencentResponse(), ReadResponseProperty);

    private static bool ReadResponseProperty(TencentResponse response, scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("Error"u8))
        {
            response.Error = ReadError(ref reader);
        }
        else if (name.SequenceEqual("SendStatusSet"u8))
        {
            response.SendStatusSet = AnswerJson.List(ref reader, ReadSendStatus);
        }
        else if (name.SequenceEqual("RequestId"u8))
        {
            response.RequestId = AnswerJson.String(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static TencentError? ReadError(ref Utf8JsonReader reader) => AnswerJson.Object(ref reader, static () => new TencentError(), ReadErrorProperty);

    private static bool ReadErrorProperty(TencentError error, scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("Code"u8))
        {
            error.Code = AnswerJson.String(ref reader);
        }
        else if (name.SequenceEqual("Message"u8))
        {
            error.Message = AnswerJson.String(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static TencentSendStatus? ReadSendStatus(ref Utf8JsonReader reader) => AnswerJson.Object(ref reader, static () => new TencentSendStatus(), ReadSendStatusProperty);

    private static bool ReadSendStatusProperty(TencentSendStatus status, scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("SerialNo"u8))
        {
            status.SerialNo = AnswerJson.String(ref reader);
        }
        else if (name.SequenceEqual("Code"u8))
        {
            status.Code = AnswerJson.String(ref reader);
        }
        else if (name.SequenceEqual("Fee"u8))
        {
            status.Fee = AnswerJson.Int32(ref reader);
        }
        else if (name.SequenceEqual("Message"u8))
        {
            status.Message = AnswerJson.String(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }
}
