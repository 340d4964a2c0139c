namespace SmsConnectors.Tests.Core;

/// <summary>
/// Every expected value below is worked out by hand from the rules (GSM-7: 160 septets in one message,
/// 153 per part; UCS-2: 70 code units in one message, 67 per part; an escape pair or a surrogate pair
/// never split), never computed with the code under test.
/// </summary>
public class SmsSegmentsTests
{
    private const string Euro = "€";
    private const string Emoji = "\U0001F600"; // 😀, a surrogate pair: two UTF-16 code units

    private static string Basic(int count) => new('a', count);

    private static string Cyrillic(int count) => new('П', count);

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    public static TheoryData<string, string, SmsEncoding, int, int> Cases => new()
    {
        // name, text, encoding, segments, characters

        // GSM-7, basic characters only: one septet each.
        { "empty: one (empty) message", "", SmsEncoding.Gsm7, 1, 0 },
        { "1 septet", Basic(1), SmsEncoding.Gsm7, 1, 1 },
        { "159 septets <= 160", Basic(159), SmsEncoding.Gsm7, 1, 159 },
        { "160 septets <= 160", Basic(160), SmsEncoding.Gsm7, 1, 160 },
        { "161 septets > 160: 153 + 8", Basic(161), SmsEncoding.Gsm7, 2, 161 },
        { "306 septets = 2 * 153", Basic(306), SmsEncoding.Gsm7, 2, 306 },
        { "307 septets: 153 + 153 + 1", Basic(307), SmsEncoding.Gsm7, 3, 307 },
        { "459 septets = 3 * 153", Basic(459), SmsEncoding.Gsm7, 3, 459 },
        { "460 septets: 153 + 153 + 153 + 1", Basic(460), SmsEncoding.Gsm7, 4, 460 },
        { "\\r\\n: 1 + 1 septets", "\r\n", SmsEncoding.Gsm7, 1, 2 },
        { "é is in the basic set", "é", SmsEncoding.Gsm7, 1, 1 },

        // GSM-7 with extension characters: two septets each (escape + character).
        { "€ alone: 2 septets", Euro, SmsEncoding.Gsm7, 1, 2 },
        { "every extension character: 10 * 2 = 20 septets", "^{}\\[~]|€\f", SmsEncoding.Gsm7, 1, 20 },
        { "158 + € = 158 + 2 = 160 septets <= 160", Basic(158) + Euro, SmsEncoding.Gsm7, 1, 160 },
        { "159 + € = 159 + 2 = 161 septets > 160: 153 + (6 + 2)", Basic(159) + Euro, SmsEncoding.Gsm7, 2, 161 },
        { "152 + € = 154 septets <= 160: one message, no parts to straddle", Basic(152) + Euro, SmsEncoding.Gsm7, 1, 154 },

        // 152 + 2 + 152 = 306 septets = 2 * 153, but the pair would straddle the 153 boundary
        // (152 + 2 = 154 > 153), so part 1 holds 152, part 2 holds € + 151 = 2 + 151 = 153, and
        // the last basic character is part 3.
        { "152 + € + 152 = 306 septets, pair moves: 152 | 2 + 151 | 1", Basic(152) + Euro + Basic(152), SmsEncoding.Gsm7, 3, 306 },

        // 151 + 2 + 153 = 306 septets: the pair ends part 1 exactly (151 + 2 = 153), part 2 holds 153.
        { "151 + € + 153 = 306 septets, pair fits: 151 + 2 | 153", Basic(151) + Euro + Basic(153), SmsEncoding.Gsm7, 2, 306 },

        // 152 + 2 + 7 = 161 septets > 160: part 1 holds 152, the pair starts part 2 (2 + 7 = 9).
        { "152 + € + 7 = 161 septets: 152 | 2 + 7", Basic(152) + Euro + Basic(7), SmsEncoding.Gsm7, 2, 161 },

        // 80 * 2 = 160 septets <= 160: one message.
        { "80 €: 80 * 2 = 160 septets", Repeat(Euro, 80), SmsEncoding.Gsm7, 1, 160 },

        // 81 * 2 = 162 septets > 160: concatenated. Part 1 holds 76 pairs = 152 septets (a 77th
        // would make 154 > 153), part 2 the other 81 - 76 = 5 pairs = 10 septets.
        { "81 €: 81 * 2 = 162 septets: 76 pairs | 5 pairs", Repeat(Euro, 81), SmsEncoding.Gsm7, 2, 162 },

        // 153 * 2 = 306 septets = 2 * 153, but a part holds only 76 pairs (152 septets):
        // 76 + 76 = 152 pairs, the 153rd pair is part 3.
        { "153 €: 306 septets: 76 | 76 | 1 pairs", Repeat(Euro, 153), SmsEncoding.Gsm7, 3, 306 },

        // UCS-2: one code unit per BMP character.
        { "ú alone: 1 code unit", "ú", SmsEncoding.Ucs2, 1, 1 },
        { "70 code units <= 70", Cyrillic(70), SmsEncoding.Ucs2, 1, 70 },
        { "71 code units > 70: 67 + 4", Cyrillic(71), SmsEncoding.Ucs2, 2, 71 },
        { "134 code units = 2 * 67", Cyrillic(134), SmsEncoding.Ucs2, 2, 134 },
        { "135 code units: 67 + 67 + 1", Cyrillic(135), SmsEncoding.Ucs2, 3, 135 },

        // One character outside both tables makes the whole text UCS-2.
        { "159 basic + ú = 160 code units: 67 + 67 + 26", Basic(159) + "ú", SmsEncoding.Ucs2, 3, 160 },
        { "69 basic + П = 70 code units", Basic(69) + "П", SmsEncoding.Ucs2, 1, 70 },
        { "70 basic + 验 = 71 code units: 67 + 4", Basic(70) + "验", SmsEncoding.Ucs2, 2, 71 },

        // An extension character counts 1 code unit once the text is UCS-2 (not 2 septets).
        { "€ + П = 2 code units", Euro + "П", SmsEncoding.Ucs2, 1, 2 },

        // Surrogate pairs: two code units each, never split.
        { "an emoji alone: 2 code units", Emoji, SmsEncoding.Ucs2, 1, 2 },
        { "Hi + space + emoji = 3 + 2 = 5 code units", "Hi " + Emoji, SmsEncoding.Ucs2, 1, 5 },
        { "35 emoji = 70 code units <= 70", Repeat(Emoji, 35), SmsEncoding.Ucs2, 1, 70 },

        // 36 * 2 = 72 code units > 70: part 1 holds 33 pairs = 66 (a 34th would make 68 > 67),
        // part 2 the other 3 pairs = 6.
        { "36 emoji = 72 code units: 33 | 3 pairs", Repeat(Emoji, 36), SmsEncoding.Ucs2, 2, 72 },

        // 67 * 2 = 134 code units = 2 * 67, but a part holds only 33 pairs: 33 | 33 | 1.
        { "67 emoji = 134 code units: 33 | 33 | 1 pairs", Repeat(Emoji, 67), SmsEncoding.Ucs2, 3, 134 },

        // 66 + 2 + 66 = 134 code units = 2 * 67, but the pair would straddle the 67 boundary
        // (66 + 2 = 68 > 67): part 1 holds 66, part 2 the pair + 65 = 67, the last П is part 3.
        { "66 П + emoji + 66 П = 134: 66 | 2 + 65 | 1", Cyrillic(66) + Emoji + Cyrillic(66), SmsEncoding.Ucs2, 3, 134 },

        // 65 + 2 + 67 = 134: the pair ends part 1 exactly (65 + 2 = 67), part 2 holds 67.
        { "65 П + emoji + 67 П = 134: 65 + 2 | 67", Cyrillic(65) + Emoji + Cyrillic(67), SmsEncoding.Ucs2, 2, 134 },

        // The same with a GSM basic prefix: 66 a + emoji + 66 a is UCS-2 (the emoji is not GSM),
        // 134 code units, the pair moves to part 2: 66 | 2 + 65 | 1.
        { "66 a + emoji + 66 a = 134: 66 | 2 + 65 | 1", Basic(66) + Emoji + Basic(66), SmsEncoding.Ucs2, 3, 134 },

        // A lone high surrogate is one code unit and may end a part: 66 + 1 + 67 = 134 = 2 * 67.
        { "66 П + lone high surrogate + 67 П = 134: 67 | 67", Cyrillic(66) + "\uD83D" + Cyrillic(67), SmsEncoding.Ucs2, 2, 134 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Counts_encoding_segments_and_characters(string name, string text, SmsEncoding encoding, int segments, int characters)
    {
        var count = SmsSegments.Count(text);

        Assert.True(
            count == new SmsSegmentCount(encoding, segments, characters),
            $"{name}: expected {encoding}, {segments} segment(s), {characters} character(s); got {count}.");
    }

    [Fact]
    public void Null_throws()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => SmsSegments.Count(null!));
        Assert.Equal("text", exception.ParamName);
    }

    // The GSM 03.38 basic set from the reference: 31 + 16 + 10 + 6 + 1 + 26 + 5 + 1 + 26 + 5 = 127
    // characters (128 positions, less the escape).
    private const string BasicSet =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    [Fact]
    public void The_whole_basic_set_is_127_septets_in_one_message()
    {
        Assert.Equal(127, BasicSet.Length);
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 1, 127), SmsSegments.Count(BasicSet));
    }

    public static TheoryData<char> BasicCharacters => new(BasicSet);

    [Theory]
    [MemberData(nameof(BasicCharacters))]
    public void Every_basic_character_is_one_septet(char c) =>
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 1, 1), SmsSegments.Count(c.ToString()));

    [Theory]
    [InlineData('^')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('\\')]
    [InlineData('[')]
    [InlineData('~')]
    [InlineData(']')]
    [InlineData('|')]
    [InlineData('€')]
    [InlineData('\f')]
    public void Every_extension_character_is_two_septets(char c) =>
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 1, 2), SmsSegments.Count(c.ToString()));

    // The Greek capitals are the Greek code points, not Latin or symbol lookalikes.
    [Theory]
    [InlineData('\u0394')] // Δ
    [InlineData('\u03A6')] // Φ
    [InlineData('\u0393')] // Γ
    [InlineData('\u039B')] // Λ
    [InlineData('\u03A9')] // Ω
    [InlineData('\u03A0')] // Π
    [InlineData('\u03A8')] // Ψ
    [InlineData('\u03A3')] // Σ
    [InlineData('\u0398')] // Θ
    [InlineData('\u039E')] // Ξ
    [InlineData('\u00C7')] // Ç, capital C with cedilla
    public void Greek_capitals_and_capital_c_cedilla_are_basic(char c) =>
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 1, 1), SmsSegments.Count(c.ToString()));

    // Characters that look GSM but are not: each makes a 5-character text UCS-2 (5 code units).
    [Theory]
    [InlineData('ú')]
    [InlineData('П')]
    [InlineData('验')]
    [InlineData('ç')] // small c with cedilla: only the capital is in the basic set
    [InlineData('`')]
    [InlineData('\t')]
    [InlineData('\u00A0')] // no-break space
    [InlineData('\u2126')] // Ohm sign, not Greek Ω
    [InlineData('\u0391')] // Greek capital Alpha, not Latin A
    [InlineData('\u001B')] // the escape itself is not a character a text carries
    public void One_character_outside_both_tables_makes_the_text_ucs2(char c) =>
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, 1, 5), SmsSegments.Count("ab" + c + "cd"));

    [Fact]
    public void Counting_allocates_nothing()
    {
        string[] texts =
        [
            Basic(460),
            Basic(152) + Euro + Basic(152),
            Repeat(Euro, 153),
            Cyrillic(135),
            Cyrillic(66) + Emoji + Cyrillic(66),
            Basic(159) + "ú",
            "",
        ];
        foreach (var text in texts)
        {
            SmsSegments.Count(text);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 100; i++)
        {
            foreach (var text in texts)
            {
                total += SmsSegments.Count(text).Segments;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100 * (4 + 3 + 3 + 3 + 3 + 3 + 1), total);
    }
}
