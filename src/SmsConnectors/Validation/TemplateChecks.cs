using System.Text.RegularExpressions;
using SmsConnectors.Templates;

namespace SmsConnectors.Validation;

/// <summary>
/// The startup checks of templates that catch the mistakes users make: a passcode template
/// without the code, an invitation without its link, single or unbalanced braces, a usage type that
/// differs from a well-known one only in case or spaces, and placeholders Logto never fills.
/// </summary>
internal static partial class TemplateChecks
{
    /// <summary>The payload keys Logto sends to an SMS connector.</summary>
    public static IReadOnlyList<string> LogtoKeys { get; } = ["code", "link", "locale", "uiLocales", "application", "organization", "user", "inviter"];

    /// <summary>Checks that the usage type is not a well-known one misspelt in case or spaces (custom usage types are allowed).</summary>
    public static void UsageType(OptionsProblems problems, SmsTemplate template, string key)
    {
        if (string.IsNullOrWhiteSpace(template.UsageType) || NearMiss(template.UsageType) is not { } meant)
        {
            return;
        }

        problems.Add($"{key}:usageType", $"is '{template.UsageType}'; did you mean '{meant}'? Usage types are case-sensitive, as in Logto");
    }

    /// <summary>The well-known usage type <paramref name="usageType"/> differs from only in case or surrounding spaces, if any.</summary>
    public static string? NearMiss(string usageType) =>
        SmsUsageType.WellKnown.Select(type => type.Value)
            .FirstOrDefault(known => known != usageType && string.Equals(known, usageType.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks a text template's content against its usage type.</summary>
    /// <param name="problems">Receives the problems and warnings.</param>
    /// <param name="template">The template.</param>
    /// <param name="key">Its configuration key (<c>templates:0</c>).</param>
    /// <param name="allowWithoutCode">The connector's <c>allowTemplatesWithoutCode</c>: templates may leave out the placeholder their usage type needs.</param>
    /// <param name="codeKeys">The placeholders that put the code in the text (<c>code</c>; the Generic connector's templates may also use <c>message</c>).</param>
    /// <param name="knownKeys">The payload keys the connector renders; other roots are warned about.</param>
    public static void Content(OptionsProblems problems, SmsTextTemplate template, string key, bool allowWithoutCode, IReadOnlyList<string> codeKeys, IReadOnlyList<string> knownKeys)
    {
        var content = template.Content ?? string.Empty;
        if (SingleBrace().Match(content) is { Success: true } single)
        {
            problems.Add($"{key}:content", $"uses '{single.Value}', a single-brace placeholder; did you mean '{{{{{single.Groups[1].Value}}}}}'?");
            return;
        }

        if (Placeholder().Replace(content, string.Empty).AsSpan().IndexOfAny('{', '}') >= 0)
        {
            var name = Word().Match(content) is { Success: true } word ? word.Groups[1].Value : "code";
            problems.Add($"{key}:content", $"has unbalanced braces; did you mean '{{{{{name}}}}}'?");
            return;
        }

        var roots = MessageTemplate.Parse(content).Placeholders.Select(path => path.Split('.')[0]).Distinct(StringComparer.Ordinal).ToList();
        var type = template.UsageType?.Trim() ?? string.Empty;
        if (type == SmsUsageType.OrganizationInvitation.Value)
        {
            if (!roots.Contains("link") && !allowWithoutCode)
            {
                problems.Add($"{key}:content", "is an OrganizationInvitation template without '{{link}}', so the invitee would get no link; add '{{link}}', or set 'allowTemplatesWithoutCode': true if that is intended");
            }
        }
        else if (IsPasscodeType(type) && !allowWithoutCode && !roots.Any(codeKeys.Contains))
        {
            problems.Add(
                $"{key}:content",
                $"is a {type} template without '{{{{code}}}}', so the user would get no passcode; add '{{{{code}}}}', or set 'allowTemplatesWithoutCode': true if that is intended");
        }

        foreach (var root in roots.Where(root => !knownKeys.Contains(root)))
        {
            problems.Warn($"{key}:content", $"uses the placeholder '{root}', which Logto never sends; did you mean '{Closest(root, knownKeys)}'? A send whose payload lacks it fails");
        }
    }

    /// <summary>Whether messages of this usage type carry a passcode: every well-known type but <c>OrganizationInvitation</c>.</summary>
    public static bool IsPasscodeType(string usageType) =>
        usageType != SmsUsageType.OrganizationInvitation.Value && SmsUsageType.WellKnown.Any(type => type.Value == usageType);

    private static string Closest(string root, IReadOnlyList<string> knownKeys) =>
        knownKeys.MinBy(known => Distance(root.ToUpperInvariant(), known.ToUpperInvariant()))!;

    /// <summary>The Levenshtein distance: how many single-character edits turn one into the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"(?<!\{)\{\s*([A-Za-z0-9_.]+)\s*\}(?!\})", RegexOptions.CultureInvariant)]
    private static partial Regex SingleBrace();

    [GeneratedRegex(@"\{\{\s*[A-Za-z0-9_.]+\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\{+\s*([A-Za-z0-9_.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
