using System.Globalization;
using System.Text;
using PhoneNumbers;
using SmsConnectors.Guard;

namespace SmsConnectors.Tests.Guard;

/// <summary>
/// The guard's own reading of libphonenumber's metadata gives every number the region and type
/// libphonenumber gives it, with its expressions interpreted or compiled: example numbers of every
/// type of every region and network, cut short or run on, with and without a national prefix or a
/// carrier code inside, random numbers after every calling code (some starting like a real range,
/// with a national prefix or with long runs of zeros), and random digits.
/// </summary>
public sealed class NumberPlansTests
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    private static readonly Lazy<string[]> Generated = new(Generate);

    /// <summary>
    /// The calling codes whose numbers the compiled plans locate (compiling every region's
    /// expressions takes seconds): codes shared by several regions, codes whose national prefix is
    /// a pattern, one with a transform of it, and a network.
    /// </summary>
    private static readonly HashSet<string> Compiled = ["1", "7", "44", "61", "590", "33", "55", "91", "378", "882"];

    private static readonly PhoneNumberType[] Types =
    [
        PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER,
        PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL,
    ];

    [Fact]
    public void Every_number_goes_where_libphonenumber_says()
    {
        var numbers = Generated.Value;
        var located = Locate(new NumberPlans(compileAfter: int.MaxValue), numbers);

        AssertAsLibphonenumber(numbers, located);
        Assert.True(numbers.Length > 50_000, $"only {numbers.Length} numbers");
        Assert.Equal(Enum.GetValues<SmsNumberType>().Order(), located.Select(d => d.Type).Distinct().Order());
        Assert.Subset(Numbers.GetSupportedRegions().Append(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY).Append("ZZ").ToHashSet(), located.Select(d => d.Region).ToHashSet());
        Assert.True(located.Select(d => d.Region).Distinct().Count() > 240);
    }

    [Fact]
    public void Compiled_expressions_locate_numbers_as_libphonenumber_does()
    {
        var numbers = Generated.Value.Where(number => Compiled.Any(code => number.StartsWith("+" + code, StringComparison.Ordinal))).ToArray();
        var located = Locate(new NumberPlans(compileAfter: 0), numbers);
        AssertAsLibphonenumber(numbers, located);
        Assert.True(numbers.Length > 5_000, $"only {numbers.Length} numbers");
    }

    [Fact]
    public void Expressions_compiled_midway_locate_numbers_as_before()
    {
        var numbers = Generated.Value.Where(number => number.StartsWith("+49", StringComparison.Ordinal) || number.StartsWith("+1", StringComparison.Ordinal)).ToArray();
        var plans = new NumberPlans(compileAfter: 50);
        var located = Locate(plans, [.. numbers, .. numbers]);
        AssertAsLibphonenumber([.. numbers, .. numbers], located);
    }

    [Theory]
    [InlineData("", "ZZ", SmsNumberType.Unknown)]
    [InlineData("+12", "ZZ", SmsNumberType.Unknown)]
    [InlineData("+0491511234567", "ZZ", SmsNumberType.Unknown)]
    [InlineData("+999123456789", "ZZ", SmsNumberType.Unknown)]
    [InlineData("+4915112345678", "DE", SmsNumberType.Mobile)]
    [InlineData("+12025550123", "US", SmsNumberType.FixedLineOrMobile)]
    [InlineData("+14165550123", "CA", SmsNumberType.FixedLineOrMobile)]
    [InlineData("+12684601234", "AG", SmsNumberType.FixedLine)]
    [InlineData("+77011234567", "KZ", SmsNumberType.Mobile)]
    [InlineData("+447700900123", "GB", SmsNumberType.Unknown)]
    [InlineData("+4407400123456", "GB", SmsNumberType.Mobile)]
    [InlineData("+882160012345", "001", SmsNumberType.Voip)]
    public void Known_numbers_go_where_they_should(string number, string region, SmsNumberType type)
    {
        Assert.Equal(new Destination(region, type), Oracle(number));
        Assert.Equal(new Destination(region, type), NumberPlans.Shared.Locate(number));
    }

    private static Destination[] Locate(NumberPlans plans, string[] numbers)
    {
        var located = new Destination[numbers.Length];
        Parallel.For(0, numbers.Length, i => located[i] = plans.Locate(numbers[i]));
        return located;
    }

    private static void AssertAsLibphonenumber(string[] numbers, Destination[] located)
    {
        var wrong = numbers.Select((number, i) => (Number: number, Expected: Oracle(number), Actual: located[i]))
            .Where(result => result.Expected != result.Actual)
            .ToList();

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {numbers.Length} numbers differ, for example:{Environment.NewLine}{string.Join(Environment.NewLine, wrong.Take(20).Select(w => $"{w.Number}: expected {w.Expected}, got {w.Actual}"))}");
    }

    /// <summary>Where libphonenumber puts a number, as the guard asked it before it read the metadata itself.</summary>
    private static Destination Oracle(string e164)
    {
        PhoneNumber number;
        try
        {
            number = Numbers.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            return new Destination("ZZ", SmsNumberType.Unknown);
        }

        var region = Numbers.GetRegionCodeForNumber(number) ?? Numbers.GetRegionCodeForCountryCode(number.CountryCode) ?? "ZZ";
        return new Destination(region, Numbers.GetNumberType(number) switch
        {
            PhoneNumberType.FIXED_LINE => SmsNumberType.FixedLine,
            PhoneNumberType.MOBILE => SmsNumberType.Mobile,
            PhoneNumberType.FIXED_LINE_OR_MOBILE => SmsNumberType.FixedLineOrMobile,
            PhoneNumberType.TOLL_FREE => SmsNumberType.TollFree,
            PhoneNumberType.PREMIUM_RATE => SmsNumberType.PremiumRate,
            PhoneNumberType.SHARED_COST => SmsNumberType.SharedCost,
            PhoneNumberType.VOIP => SmsNumberType.Voip,
            PhoneNumberType.PERSONAL_NUMBER => SmsNumberType.PersonalNumber,
            PhoneNumberType.PAGER => SmsNumberType.Pager,
            PhoneNumberType.UAN => SmsNumberType.Uan,
            PhoneNumberType.VOICEMAIL => SmsNumberType.Voicemail,
            _ => SmsNumberType.Unknown,
        });
    }

    private static string[] Generate()
    {
        var random = new Random(20240611);
        var numbers = new List<string>();
        var examples = new List<(int Code, string National, string Prefix)>();
        foreach (var code in Numbers.GetSupportedCallingCodes())
        {
            foreach (var region in Numbers.GetRegionCodesForCountryCode(code))
            {
                var metadata = region == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY ? Numbers.GetMetadataForNonGeographicalRegion(code) : Numbers.GetMetadataForRegion(region);
                foreach (var desc in new[] { metadata.GeneralDesc, metadata.FixedLine, metadata.Mobile, metadata.TollFree, metadata.PremiumRate, metadata.SharedCost, metadata.Voip, metadata.PersonalNumber, metadata.Pager, metadata.Uan, metadata.Voicemail })
                {
                    if (desc.HasExampleNumber)
                    {
                        examples.Add((code, desc.ExampleNumber, metadata.NationalPrefix));
                    }
                }

                foreach (var type in region == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY ? [] : Types)
                {
                    if (Numbers.GetExampleNumberForType(region, type) is { } example)
                    {
                        examples.Add((code, Numbers.GetNationalSignificantNumber(example), metadata.NationalPrefix));
                    }
                }
            }
        }

        foreach (var (code, national, prefix) in examples)
        {
            var cc = code.ToString(CultureInfo.InvariantCulture);
            numbers.Add($"+{cc}0{national}");
            for (var length = 1; length <= national.Length + 3; length++)
            {
                // The example cut short or run on, as it is and after the national prefix: too short,
                // local only, possible and too long numbers, with and without a prefix to strip.
                var digits = length <= national.Length ? national[..length] : national + Digits(random, length - national.Length);
                numbers.Add($"+{cc}{digits}");
                numbers.Add($"+{cc}{prefix}{digits}");
            }

            for (var split = 2; split <= 4 && split < national.Length; split++)
            {
                // "15" after the area code, as Argentina writes a mobile number at home, kept to the example's length or not.
                var carried = $"{national[..split]}15{national[split..]}";
                numbers.Add($"+{cc}{carried}");
                numbers.Add($"+{cc}{carried[..national.Length]}");
                numbers.Add($"+{cc}{prefix}{carried[..national.Length]}");
            }

            for (var i = 0; i < 10; i++)
            {
                // A random number that starts like the example: the longer the shared start, the likelier a real range.
                var kept = random.Next(1, national.Length + 1);
                numbers.Add($"+{cc}{national[..kept]}{Digits(random, Math.Max(0, national.Length - kept + random.Next(-1, 2)))}");
            }
        }

        foreach (var code in Numbers.GetSupportedCallingCodes())
        {
            var cc = code.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < 150; i++)
            {
                var length = random.Next(Math.Max(1, 3 - cc.Length), 18 - cc.Length);
                var start = random.Next(10) switch
                {
                    0 => new string('0', random.Next(1, length + 1)),
                    1 => "0",
                    2 => "1",
                    3 => "8",
                    _ => string.Empty,
                };
                numbers.Add($"+{cc}{start}{Digits(random, Math.Max(0, length - start.Length))}");
            }
        }

        foreach (var code in Numbers.GetSupportedCallingCodes())
        {
            // Runs of zeros longer than libphonenumber keeps of a national number.
            var cc = code.ToString(CultureInfo.InvariantCulture);
            for (var zeros = 8; zeros < 17 - cc.Length; zeros++)
            {
                numbers.Add($"+{cc}{new string('0', zeros)}{Digits(random, 1)}");
                numbers.Add($"+{cc}{new string('0', zeros)}{Digits(random, 17 - cc.Length - zeros)}");
            }
        }

        for (var i = 0; i < 2000; i++)
        {
            numbers.Add("+" + Digits(random, random.Next(1, 18)));
        }

        return [.. numbers.Where(n => n.Length <= 18).Distinct(StringComparer.Ordinal)];
    }

    private static string Digits(Random random, int count)
    {
        var digits = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        return digits.ToString();
    }
}
