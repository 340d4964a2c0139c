using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace SmsConnectors.Guard;

/// <summary>
/// Where a number in E.164 goes, read from libphonenumber's metadata: the region and type its
/// <c>Parse</c>, <c>GetRegionCodeForNumber</c> (or, for a range the metadata does not know, the
/// main region of the calling code) and <c>GetNumberType</c> give, for far fewer regular-expression
/// runs. A region's number types at one length of national number are one expression whose
/// alternatives come in libphonenumber's order of precedence, built when a number of that region
/// and length is first located. An expression is interpreted until it has run
/// <c>compileAfter</c> times, then compiled: compiling costs milliseconds, which only a range
/// sent to often pays back.
/// </summary>
/// <param name="compileAfter">How many runs an expression is interpreted for before it is compiled (0: compiled at once).</param>
internal sealed class NumberPlans(int compileAfter)
{
    /// <summary>The most digits a calling code has.</summary>
    private const int MaxCallingCodeDigits = 3;

    /// <summary>The fewest digits of a national number (libphonenumber's <c>TOO_SHORT_NSN</c> below).</summary>
    private const int MinNationalLength = 2;

    /// <summary>The most digits of a national number (libphonenumber's <c>TOO_LONG</c> above).</summary>
    private const int MaxNationalLength = 17;

    /// <summary>The most leading zeros libphonenumber keeps of a national number.</summary>
    private const int MaxLeadingZeros = 10;

    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private static readonly Destination Nowhere = new("ZZ", SmsNumberType.Unknown);

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    private static readonly HashSet<string> SupportedRegions = Numbers.GetSupportedRegions();

    private static readonly bool[] KnownCodes = [.. Enumerable.Range(0, 1000).Select(code => Numbers.GetRegionCodesForCountryCode(code).Count > 0)];

    private readonly CallingCode?[] _codes = new CallingCode?[1000];

    /// <summary>Expressions by pattern and options: regions and lengths whose alternatives are alike share one.</summary>
    private readonly ConcurrentDictionary<(string Pattern, RegexOptions Options), Expression> _expressions = new();

    /// <summary>Gets the plans the guard locates numbers with: an expression is compiled after a thousand runs.</summary>
    public static NumberPlans Shared { get; } = new(compileAfter: 1000);

    /// <summary>Where <paramref name="e164"/> goes: <c>ZZ</c> and <see cref="SmsNumberType.Unknown"/> for what is not a number (the empty number among them).</summary>
    /// <param name="e164">A number as <see cref="SmsPhoneNumber.E164"/> holds it: <c>+</c> and digits, or empty.</param>
    public Destination Locate(string e164)
    {
        var digits = e164.AsSpan(Math.Min(1, e164.Length));
        if (e164.Length == 0 || e164[0] != '+' || digits.Length <= MinNationalLength || digits.ContainsAnyExceptInRange('0', '9') || digits[0] == '0')
        {
            return Nowhere;
        }

        CallingCode? code = null;
        var length = 0;
        for (var value = 0; length < MaxCallingCodeDigits && code is null;)
        {
            value = (value * 10) + digits[length++] - '0';
            code = KnownCodes[value] ? CodeOf(value) : null;
        }

        if (code is null || digits.Length - length < MinNationalLength)
        {
            return Nowhere;
        }

        var national = code.NationalPrefix is { } prefix ? prefix.Strip(digits[length..]) : digits[length..];
        if (national.Length is < MinNationalLength or > MaxNationalLength)
        {
            return Nowhere;
        }

        Span<char> significant = stackalloc char[MaxNationalLength];
        return code.Locate(Significant(national, significant));
    }

    /// <summary>
    /// The national significant number libphonenumber keeps of <paramref name="national"/>: the number
    /// itself, but for a run of more than <see cref="MaxLeadingZeros"/> leading zeros, which it shortens.
    /// </summary>
    private static ReadOnlySpan<char> Significant(ReadOnlySpan<char> national, Span<char> buffer)
    {
        var zeros = 0;
        while (zeros < national.Length - 1 && national[zeros] == '0')
        {
            zeros++;
        }

        if (zeros <= MaxLeadingZeros)
        {
            return national;
        }

        buffer[..MaxLeadingZeros].Fill('0');
        national[zeros..].CopyTo(buffer[MaxLeadingZeros..]);
        return buffer[..(MaxLeadingZeros + national.Length - zeros)];
    }

    private CallingCode CodeOf(int value) =>
        Volatile.Read(ref _codes[value]) ?? Interlocked.CompareExchange(ref _codes[value], new CallingCode(this, value), null) ?? _codes[value]!;

    private Expression ExpressionOf(string pattern, RegexOptions options) =>
        _expressions.GetOrAdd((pattern, options), static (key, compileAfter) => new Expression(key.Pattern, key.Options, compileAfter), compileAfter);

    private static bool Fits(PhoneNumberDesc desc, int length) =>
        desc.PossibleLengthCount == 0 || desc.PossibleLengthList.Contains(length);

    /// <summary>One calling code: its regions in libphonenumber's order, the first its main one, and the national prefix its numbers may carry.</summary>
    private sealed class CallingCode
    {
        private readonly Region[] _regions;

        public CallingCode(NumberPlans plans, int value)
        {
            var regions = Numbers.GetRegionCodesForCountryCode(value);
            _regions = [.. regions.Select(region => new Region(plans, region, region == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY ? Numbers.GetMetadataForNonGeographicalRegion(value) : Numbers.GetMetadataForRegion(region)))];
            NationalPrefix = _regions[0].Metadata is { HasNationalPrefixForParsing: true } main ? new NationalPrefix(plans, main) : null;
        }

        public NationalPrefix? NationalPrefix { get; }

        public Destination Locate(ReadOnlySpan<char> significant)
        {
            if (_regions.Length == 1)
            {
                return new Destination(_regions[0].Code, _regions[0].TypeOf(significant));
            }

            foreach (var region in _regions)
            {
                if (region.LeadsWith(significant) is { } leads)
                {
                    if (leads)
                    {
                        return new Destination(region.Code, region.TypeOf(significant));
                    }
                }
                else if (region.TypeOf(significant) is var type and not SmsNumberType.Unknown)
                {
                    return new Destination(region.Code, type);
                }
            }

            return new Destination(_regions[0].Code, SmsNumberType.Unknown);
        }
    }

    /// <summary>
    /// The national prefix of a calling code's main region, as libphonenumber strips it from a
    /// number written with it after the calling code: only where the rest is still a number of
    /// the region, and not where it leaves a number too short or only dialable locally.
    /// </summary>
    private sealed class NationalPrefix
    {
        private readonly string? _literal;
        private readonly Expression _expression;
        private readonly string _transform;
        private readonly Expression _general;
        private readonly int[] _lengths;
        private readonly int[] _localLengths;

        public NationalPrefix(NumberPlans plans, PhoneMetadata metadata)
        {
            var prefix = metadata.NationalPrefixForParsing;
            _literal = Regex.Escape(prefix) == prefix ? prefix : null;
            _expression = plans.ExpressionOf($"^(?:{prefix})", Options);
            _transform = metadata.NationalPrefixTransformRule ?? string.Empty;
            _general = plans.ExpressionOf($"^(?:{metadata.GeneralDesc.NationalNumberPattern})$", Options | RegexOptions.ExplicitCapture);
            _lengths = [.. metadata.GeneralDesc.PossibleLengthList];
            _localLengths = [.. metadata.GeneralDesc.PossibleLengthLocalOnlyList];
        }

        public ReadOnlySpan<char> Strip(ReadOnlySpan<char> national)
        {
            if (_literal is not null && !national.StartsWith(_literal, StringComparison.Ordinal))
            {
                return national;
            }

            ReadOnlySpan<char> stripped;
            if (_transform.Length == 0)
            {
                var length = _literal?.Length ?? MatchLength(national);
                if (length < 0 || (_general.Regex.IsMatch(national) && !_general.Regex.IsMatch(national[length..])))
                {
                    return national;
                }

                stripped = national[length..];
            }
            else
            {
                if (_literal is null && !_expression.Regex.IsMatch(national))
                {
                    return national;
                }

                var match = _expression.Regex.Match(national.ToString());
                var viable = _general.Regex.IsMatch(national);
                if (!match.Groups[match.Groups.Count - 1].Success)
                {
                    if (viable && !_general.Regex.IsMatch(national[match.Length..]))
                    {
                        return national;
                    }

                    stripped = national[match.Length..];
                }
                else
                {
                    var transformed = string.Concat(match.Result(_transform), national[match.Length..]);
                    if (viable && !_general.Regex.IsMatch(transformed))
                    {
                        return national;
                    }

                    stripped = transformed;
                }
            }

            return LongEnough(stripped.Length) ? stripped : national;
        }

        private int MatchLength(ReadOnlySpan<char> national)
        {
            foreach (var match in _expression.Regex.EnumerateMatches(national))
            {
                return match.Length;
            }

            return -1;
        }

        /// <summary>Whether a national number of <paramref name="length"/> digits is possible in the region, or too long, rather than too short, local or of no possible length.</summary>
        private bool LongEnough(int length)
        {
            if (_lengths.Length == 0 || _lengths[0] == -1 || _localLengths.Contains(length))
            {
                return false;
            }

            if (_lengths[0] >= length)
            {
                return _lengths[0] == length;
            }

            return _lengths[^1] < length || _lengths.Contains(length);
        }
    }

    /// <summary>One region of a calling code: the leading digits that pick it, and its number types by length.</summary>
    private sealed class Region(NumberPlans plans, string code, PhoneMetadata? metadata)
    {
        private readonly LeadingDigits? _leadingDigits = metadata is { HasLeadingDigits: true } ? new LeadingDigits(plans, metadata.LeadingDigits) : null;
        private readonly Types?[] _types = new Types?[MaxNationalLength + 1];
        private readonly bool _typed = metadata is not null && (SupportedRegions.Contains(code) || code == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY);

        public string Code => code;

        public PhoneMetadata? Metadata => metadata;

        /// <summary>Whether <paramref name="significant"/> starts with the region's leading digits, or <see langword="null"/> when the region has none.</summary>
        public bool? LeadsWith(ReadOnlySpan<char> significant) => _leadingDigits?.Lead(significant);

        public SmsNumberType TypeOf(ReadOnlySpan<char> significant)
        {
            if (!_typed)
            {
                return SmsNumberType.Unknown;
            }

            var types = Volatile.Read(ref _types[significant.Length]);
            if (types is null)
            {
                types = Types.Of(plans, metadata!, significant.Length);
                types = Interlocked.CompareExchange(ref _types[significant.Length], types, null) ?? types;
            }

            return types.Of(significant);
        }
    }

    private sealed class LeadingDigits(NumberPlans plans, string pattern)
    {
        private readonly string? _literal = Regex.Escape(pattern) == pattern ? pattern : null;
        private readonly Expression? _expression = Regex.Escape(pattern) == pattern ? null : plans.ExpressionOf($"^(?:{pattern})", Options | RegexOptions.ExplicitCapture);

        public bool Lead(ReadOnlySpan<char> significant) =>
            _literal is not null ? significant.StartsWith(_literal, StringComparison.Ordinal) : _expression!.Regex.IsMatch(significant);
    }

    /// <summary>
    /// A regular expression, interpreted for its first runs and compiled after <c>compileAfter</c>
    /// of them. Compiling a region's expression takes up to a few hundred milliseconds, so the run that counts
    /// to the limit leaves it to the thread pool and the runs go on interpreted until it is done.
    /// </summary>
    private sealed class Expression
    {
        private readonly string _pattern;
        private readonly RegexOptions _options;
        private readonly int _compileAfter;
        private Regex _regex;
        private int _runs;

        public Expression(string pattern, RegexOptions options, int compileAfter)
        {
            (_pattern, _options, _compileAfter) = (pattern, options, compileAfter);
            _regex = new Regex(pattern, compileAfter == 0 ? options | RegexOptions.Compiled : options);
        }

        /// <summary>Gets the expression for one run.</summary>
        public Regex Regex
        {
            get
            {
                // Not atomic: a lost count only delays compiling, and the run that counts to the limit starts it.
                if (_runs < _compileAfter && ++_runs == _compileAfter)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(static expression => expression.Compile(), this, preferLocal: false);
                }

                return Volatile.Read(ref _regex);
            }
        }

        private void Compile() => Volatile.Write(ref _regex, new Regex(_pattern, _options | RegexOptions.Compiled));
    }

    /// <summary>
    /// A region's number types for national numbers of one length. The expression checks the
    /// region's general pattern, then tries each type that has numbers of this length in
    /// libphonenumber's order (premium rate, toll free, shared cost, VoIP, personal, pager, UAN,
    /// voicemail, then fixed line and mobile). It runs on the number followed by one marker per
    /// alternative; alternative <c>i</c> ends in <c>i</c> markers, so the length of the match past
    /// the number says which type matched first without reading a group.
    /// </summary>
    private sealed class Types
    {
        private const char Marker = '_';

        private static readonly Types None = new(null, []);

        private readonly Expression? _expression;
        private readonly SmsNumberType[] _types;

        private Types(Expression? expression, SmsNumberType[] types) => (_expression, _types) = (expression, types);

        public static Types Of(NumberPlans plans, PhoneMetadata metadata, int length)
        {
            var general = metadata.GeneralDesc;
            if (!general.HasNationalNumberPattern || !Fits(general, length))
            {
                return None;
            }

            List<(string Pattern, SmsNumberType Type)> alternatives = [];
            Add(metadata.PremiumRate, SmsNumberType.PremiumRate);
            Add(metadata.TollFree, SmsNumberType.TollFree);
            Add(metadata.SharedCost, SmsNumberType.SharedCost);
            Add(metadata.Voip, SmsNumberType.Voip);
            Add(metadata.PersonalNumber, SmsNumberType.PersonalNumber);
            Add(metadata.Pager, SmsNumberType.Pager);
            Add(metadata.Uan, SmsNumberType.Uan);
            Add(metadata.Voicemail, SmsNumberType.Voicemail);

            var fixedLine = Has(metadata.FixedLine) ? metadata.FixedLine.NationalNumberPattern : null;
            var mobile = !metadata.SameMobileAndFixedLinePattern && Has(metadata.Mobile) ? metadata.Mobile.NationalNumberPattern : null;
            if (fixedLine is not null && mobile is not null)
            {
                alternatives.Add(($"(?=(?:{fixedLine}){Marker})(?:{mobile})", SmsNumberType.FixedLineOrMobile));
            }

            if (fixedLine is not null)
            {
                alternatives.Add(($"(?:{fixedLine})", metadata.SameMobileAndFixedLinePattern ? SmsNumberType.FixedLineOrMobile : SmsNumberType.FixedLine));
            }

            if (mobile is not null)
            {
                alternatives.Add(($"(?:{mobile})", SmsNumberType.Mobile));
            }

            if (alternatives.Count == 0)
            {
                return None;
            }

            var pattern = $"^(?=(?:{general.NationalNumberPattern}){Marker})(?:{string.Join('|', alternatives.Select((alternative, i) => alternative.Pattern + new string(Marker, i + 1)))})";
            return new Types(plans.ExpressionOf(pattern, Options | RegexOptions.ExplicitCapture), [.. alternatives.Select(alternative => alternative.Type)]);

            bool Has(PhoneNumberDesc desc) => desc.HasNationalNumberPattern && Fits(desc, length);

            void Add(PhoneNumberDesc desc, SmsNumberType type)
            {
                if (Has(desc))
                {
                    alternatives.Add(($"(?:{desc.NationalNumberPattern})", type));
                }
            }
        }

        public SmsNumberType Of(ReadOnlySpan<char> significant)
        {
            if (_expression is null)
            {
                return SmsNumberType.Unknown;
            }

            Span<char> marked = stackalloc char[significant.Length + _types.Length];
            significant.CopyTo(marked);
            marked[significant.Length..].Fill(Marker);
            foreach (var match in _expression.Regex.EnumerateMatches(marked))
            {
                return _types[match.Length - significant.Length - 1];
            }

            return SmsNumberType.Unknown;
        }
    }
}
