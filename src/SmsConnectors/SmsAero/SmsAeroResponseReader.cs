using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using SmsConnectors.Serialization;

namespace SmsConnectors.SmsAero;

/// <summary>Reads SMSAero's answer to a send in one pass, as <see cref="SmsAeroJsonContext"/> would.</summary>
internal static class SmsAeroResponseReader
{
    /// <summary>
    /// An answer object, or <see langword="null"/> for JSON null. Of <c>data</c> only the sent
    /// message's id and cost are taken; a failure's field errors are read again from the body when
    /// there is one, which is rare.
    /// </summary>
    public static SmsAeroResponse? Read(ref Utf8JsonReader reader) => AnswerJson.Object(ref reader, static () => new SmsAeroResponse(), ReadProperty);

    private static bool ReadProperty(SmsAeroResponse response, scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("success"u8))
        {
            response.Success = AnswerJson.Boolean(ref reader);
        }
        else if (name.SequenceEqual("data"u8))
        {
            response.Sent = SentEntry(ref reader);
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
            return false;
        }

        return true;
    }

    /// <summary>The id and cost of <c>data</c>'s entry (the object, or an array's first), as <c>data.id</c> and <c>data.cost</c> would be looked up in a parsed document.</summary>
    private static SmsAeroSentEntry? SentEntry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Entry(ref reader);
        }

        SmsAeroSentEntry? entry = default(SmsAeroSentEntry);
        if (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            entry = Entry(ref reader);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
            }
        }

        return entry;
    }

    /// <summary>An entry's id and cost, the last of each when repeated; <see langword="null"/> when a name has an escape that does not undo (a lone surrogate).</summary>
    private static SmsAeroSentEntry? Entry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default(SmsAeroSentEntry);
        }

        string? id = null;
        decimal? cost = null;
        var (idNotUtf8, costNotUtf8) = (false, false);
        var broken = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name.Other;
            try
            {
                var text = AnswerJson.Unescaped(ref reader);
                name = text.SequenceEqual("id"u8) ? Name.Id : text.SequenceEqual("cost"u8) ? Name.Cost : Name.Other;
            }
            catch (InvalidOperationException)
            {
                broken = true;
            }

            reader.Read();
            if (name == Name.Id)
            {
                idNotUtf8 = !TryText(ref reader, out id);
            }
            else if (name == Name.Cost)
            {
                costNotUtf8 = !TryCost(ref reader, out cost);
            }

            reader.Skip();
        }

        return broken ? null : new SmsAeroSentEntry(id, cost, idNotUtf8 || costNotUtf8);
    }

    /// <summary>A string's or a number's text as a decimal, else <see langword="null"/>; <see langword="false"/> for a string that is not valid UTF-8.</summary>
    private static bool TryCost(ref Utf8JsonReader reader, out decimal? cost)
    {
        if (reader.TokenType is (JsonTokenType.Number or JsonTokenType.String) && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            // The text as it stands in the body, parsed without making a string of it.
            var utf8 = reader.ValueSpan;
            var valid = Utf8.IsValid(utf8);
            cost = valid && decimal.TryParse(utf8, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            return valid;
        }

        var isUtf8 = TryText(ref reader, out var text);
        cost = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
        return isUtf8;
    }

    /// <summary>The text of a string or a number, else <see langword="null"/>; <see langword="false"/> for a string that is not valid UTF-8.</summary>
    private static bool TryText(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        try
        {
            text = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => null,
            };
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private enum Name
    {
        Other,
        Id,
        Cost,
    }
}
