using System.Buffers;

namespace SmsConnectors;

/// <summary>
/// Counts how a vendor sends a text: the alphabet (GSM 03.38 7-bit or UCS-2), the number of messages,
/// and the length the vendor counts. Allocation-free.
/// </summary>
/// <remarks>
/// <para>
/// A text whose every character is in the GSM 03.38 default alphabet or its extension table is sent in
/// GSM-7: a basic character takes one septet, an extension character (<c>^ { } \ [ ~ ] |</c>, <c>€</c>
/// and form feed) two (escape and character). Up to 160 septets fit one message; a longer text is
/// concatenated in parts of at most 153 septets, and an escape pair is never split across two parts.
/// </para>
/// <para>
/// Any other character makes the whole text UCS-2: up to 70 UTF-16 code units fit one message; a longer
/// text is concatenated in parts of at most 67, and a surrogate pair (an emoji) is never split across two
/// parts. A lone surrogate counts as one code unit. The escape character itself (U+001B) is not a
/// character a text can carry in GSM-7, so it makes the text UCS-2 like any other character outside
/// the tables.
/// </para>
/// <para>
/// An empty text is GSM-7, 0 characters, and 1 segment: a vendor still sends one (empty) message.
/// </para>
/// </remarks>
public static class SmsSegments
{
    private const int Gsm7SingleSeptets = 160;
    private const int Gsm7PartSeptets = 153;
    private const int Ucs2SingleUnits = 70;
    private const int Ucs2PartUnits = 67;

    /// <summary>The GSM 03.38 default alphabet (without the escape), one septet each.</summary>
    private const string BasicSet =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The GSM 03.38 extension table, two septets each (escape and character).</summary>
    private const string ExtensionSet = "^{}\\[~]|€\f";

    /// <summary>The basic set, for the vectorised search of a text that is nothing else.</summary>
    private static readonly SearchValues<char> Basic = SearchValues.Create(BasicSet);

    /// <summary>The high surrogates (U+D800 to U+DBFF), which start a surrogate pair.</summary>
    private static readonly SearchValues<char> HighSurrogates = SearchValues.Create(CreateHighSurrogates());

    /// <summary>
    /// Septets per character for every code point up to Ω (U+03A9), the highest in both tables except
    /// <c>€</c>, which is tested on its own; 0 means outside both tables.
    /// </summary>
    private static readonly byte[] Septets = CreateSeptets();

    /// <summary>Counts how a vendor sends <paramref name="text"/>.</summary>
    /// <param name="text">The text of the message, exactly as it is sent.</param>
    /// <returns>
    /// The encoding, the number of messages (at least 1; an empty text is one GSM-7 message of 0
    /// characters), and the length the vendor counts (septets for GSM-7, UTF-16 code units for UCS-2).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static SmsSegmentCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();

        var other = span.IndexOfAnyExcept(Basic);
        if (other < 0)
        {
            return new SmsSegmentCount(SmsEncoding.Gsm7, Segments(span.Length, Gsm7SingleSeptets, Gsm7PartSeptets), span.Length);
        }

        return CountGsm7(span, other) ?? CountUcs2(span);
    }

    /// <summary>
    /// Counts a text whose first <paramref name="basicPrefix"/> characters are basic; <see langword="null"/>
    /// when a character is outside both tables.
    /// </summary>
    private static SmsSegmentCount? CountGsm7(ReadOnlySpan<char> text, int basicPrefix)
    {
        var septets = basicPrefix;
        var parts = Start(basicPrefix, Gsm7PartSeptets, out var fill);
        var table = Septets;

        for (var i = basicPrefix; i < text.Length; i++)
        {
            var c = text[i];
            var width = c < table.Length ? table[c] : c == '€' ? 2 : 0;
            if (width == 0)
            {
                return null;
            }

            septets += width;
            Add(width, Gsm7PartSeptets, ref parts, ref fill);
        }

        return new SmsSegmentCount(SmsEncoding.Gsm7, septets <= Gsm7SingleSeptets ? 1 : parts, septets);
    }

    private static SmsSegmentCount CountUcs2(ReadOnlySpan<char> text)
    {
        var units = text.Length;
        var pair = units <= Ucs2SingleUnits ? -1 : text.IndexOfAny(HighSurrogates);
        if (pair < 0)
        {
            return new SmsSegmentCount(SmsEncoding.Ucs2, Segments(units, Ucs2SingleUnits, Ucs2PartUnits), units);
        }

        var parts = Start(pair, Ucs2PartUnits, out var fill);
        for (var i = pair; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            Add(width, Ucs2PartUnits, ref parts, ref fill);
            i += width - 1;
        }

        return new SmsSegmentCount(SmsEncoding.Ucs2, parts, units);
    }

    /// <summary>The messages for a text of units of width one: one up to the single limit, else full parts.</summary>
    private static int Segments(int units, int single, int perPart) =>
        units <= single ? 1 : (units + perPart - 1) / perPart;

    /// <summary>The parts started by <paramref name="units"/> units of width one, and how full the last is.</summary>
    private static int Start(int units, int perPart, out int fill)
    {
        if (units == 0)
        {
            fill = 0;
            return 1;
        }

        var parts = ((units - 1) / perPart) + 1;
        fill = units - ((parts - 1) * perPart);
        return parts;
    }

    /// <summary>Adds a unit that cannot be split: it starts the next part when it does not fit this one.</summary>
    private static void Add(int width, int perPart, ref int parts, ref int fill)
    {
        if (fill + width > perPart)
        {
            parts++;
            fill = width;
        }
        else
        {
            fill += width;
        }
    }

    private static char[] CreateHighSurrogates()
    {
        var surrogates = new char[0xDBFF - 0xD800 + 1];
        for (var i = 0; i < surrogates.Length; i++)
        {
            surrogates[i] = (char)(0xD800 + i);
        }

        return surrogates;
    }

    private static byte[] CreateSeptets()
    {
        var table = new byte['Ω' + 1];
        foreach (var c in BasicSet)
        {
            table[c] = 1;
        }

        foreach (var c in ExtensionSet)
        {
            if (c < table.Length)
            {
                table[c] = 2;
            }
        }

        return table;
    }
}
