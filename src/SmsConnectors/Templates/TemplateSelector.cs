namespace SmsConnectors.Templates;

/// <summary>
/// Picks the template for a message: templates of the exact usage type, else of <c>Generic</c>;
/// among those, the exact locale (<c>zh-CN</c>), then its language (<c>zh</c>), then a template
/// without a locale, then another region of the same language, then the first configured.
/// </summary>
internal static class TemplateSelector
{
    /// <summary>Selects the template for <paramref name="type"/> and <paramref name="locale"/>.</summary>
    /// <typeparam name="TTemplate">The connector's template type.</typeparam>
    /// <param name="templates">The configured templates, in configuration order.</param>
    /// <param name="type">The message's usage type.</param>
    /// <param name="locale">The recipient's locale, if known.</param>
    /// <returns>The selected template.</returns>
    /// <exception cref="SmsConnectorException">
    /// Neither the type nor <c>Generic</c> has a template (<see cref="SmsErrorCode.TemplateNotFound"/>).
    /// </exception>
    public static TTemplate Select<TTemplate>(IReadOnlyList<TTemplate> templates, SmsUsageType type, string? locale)
        where TTemplate : SmsTemplate
    {
        return TrySelect(templates, type, locale)
            ?? throw new SmsConnectorException(
                SmsErrorCode.TemplateNotFound,
                $"No template for usage type '{type}' and no 'Generic' template; configured usage types: [{string.Join(", ", templates.Select(t => t.UsageType).Distinct(StringComparer.Ordinal))}].")
            {
                MayHaveBeenSent = false,
            };
    }

    /// <summary>Selects the template for <paramref name="type"/> and <paramref name="locale"/>, or <see langword="null"/>.</summary>
    /// <typeparam name="TTemplate">The connector's template type.</typeparam>
    /// <param name="templates">The configured templates, in configuration order.</param>
    /// <param name="type">The message's usage type.</param>
    /// <param name="locale">The recipient's locale, if known.</param>
    /// <returns>The selected template, or <see langword="null"/> when neither the type nor <c>Generic</c> has one.</returns>
    public static TTemplate? TrySelect<TTemplate>(IReadOnlyList<TTemplate> templates, SmsUsageType type, string? locale)
        where TTemplate : SmsTemplate
    {
        ArgumentNullException.ThrowIfNull(templates);
        return BestForLocale(templates, type, locale) ?? BestForLocale(templates, SmsUsageType.Generic, locale);
    }

    private static TTemplate? BestForLocale<TTemplate>(IReadOnlyList<TTemplate> templates, SmsUsageType type, string? locale)
        where TTemplate : SmsTemplate
    {
        var language = LanguageOf(locale);
        TTemplate? best = null;
        var bestRank = int.MaxValue;
        for (var i = 0; i < templates.Count; i++)
        {
            var template = templates[i];
            if (!string.Equals(template.UsageType, type.Value, StringComparison.Ordinal))
            {
                continue;
            }

            var rank = Rank(template.Locale, locale, language);
            if (rank < bestRank)
            {
                (best, bestRank) = (template, rank);
            }
        }

        return best;
    }

    private static int Rank(string? templateLocale, string? locale, string? language)
    {
        if (string.IsNullOrWhiteSpace(templateLocale))
        {
            return 2;
        }

        if (locale is null)
        {
            return 4;
        }

        if (SameTag(templateLocale, locale))
        {
            return 0;
        }

        if (language is not null && SameTag(templateLocale, language))
        {
            return 1;
        }

        return language is not null && SameTag(LanguageOf(templateLocale), language) ? 3 : 4;
    }

    private static string? LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        locale = locale.Trim();
        var separator = locale.AsSpan().IndexOfAny('-', '_');
        return separator > 0 ? locale[..separator] : locale;
    }

    private static bool SameTag(string? left, string? right) =>
        left is not null && right is not null &&
        left.Trim().Replace('_', '-').Equals(right.Trim().Replace('_', '-'), StringComparison.OrdinalIgnoreCase);
}
