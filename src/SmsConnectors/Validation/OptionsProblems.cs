using Microsoft.Extensions.Options;
using SmsConnectors.Templates;

namespace SmsConnectors.Validation;

/// <summary>Collects a connector's configuration problems, each naming the connector and the key.</summary>
internal sealed class OptionsProblems(string connectorName)
{
    private static readonly string[] CodeOnly = ["code"];
    private static readonly string[] CodeOrMessage = ["code", "message"];

    private readonly List<string> _problems = [];
    private readonly List<string> _warnings = [];

    public string ConnectorName { get; } = connectorName;

    /// <summary>Gets every problem found so far.</summary>
    public IReadOnlyList<string> All => _problems;

    /// <summary>Gets what looks wrong but does not stop the connector, for a startup warning.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void Warn(string key, string warning) =>
        _warnings.Add($"SMS connector '{ConnectorName}': '{key}' {warning}.");

    public void Add(string key, string problem) =>
        _problems.Add($"SMS connector '{ConnectorName}': '{key}' {problem}.");

    public void AddGeneral(string problem) =>
        _problems.Add($"SMS connector '{ConnectorName}': {problem}");

    public bool Required(string? value, string key)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Add(key, "is required");
        return false;
    }

    /// <summary>Checks that <paramref name="value"/> is an absolute https URL (http only for loopback hosts).</summary>
    public void VendorUrl(string? value, string key)
    {
        if (value is null)
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            Add(key, "must be an absolute https URL");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            Add(key, "must use https (http is allowed only for 127.0.0.1, [::1] and localhost)");
        }
        else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            Add(key, "must not contain a query, a fragment or user information");
        }
    }

    /// <summary>Checks each template's usage type and the uniqueness of (usage type, locale).</summary>
    public void Templates<TTemplate>(IList<TTemplate>? templates, string key, bool required, Action<TTemplate, int>? validate = null)
        where TTemplate : SmsTemplate
    {
        if (templates is null || templates.Count == 0)
        {
            if (required)
            {
                Add(key, "must contain at least one template");
            }

            return;
        }

        var seen = new HashSet<(string Type, string Locale)>();
        for (var i = 0; i < templates.Count; i++)
        {
            var template = templates[i];
            TemplateChecks.UsageType(this, template, $"{key}:{i}");
            if (string.IsNullOrWhiteSpace(template.UsageType))
            {
                Add($"{key}:{i}:usageType", "is required");
            }
            else if (!seen.Add((template.UsageType, template.Locale?.Trim().Replace('_', '-').ToUpperInvariant() ?? string.Empty)))
            {
                Add($"{key}:{i}", $"repeats usage type '{template.UsageType}'{(template.Locale is null ? string.Empty : $" with locale '{template.Locale}'")}");
            }

            validate?.Invoke(template, i);
        }
    }

    /// <summary>Checks that every text template has content that fits its usage type (see <see cref="TemplateChecks.Content"/>).</summary>
    public void TextTemplates(IList<SmsTextTemplate>? templates, string key, bool required, bool allowWithoutCode, IReadOnlyList<string>? extraKeys = null) =>
        Templates(templates, key, required, (template, i) =>
        {
            if (Required(template.Content, $"{key}:{i}:content"))
            {
                var known = TemplateChecks.LogtoKeys.Concat(extraKeys ?? []).ToList();
                var codeKeys = extraKeys?.Contains("message") == true ? CodeOrMessage : CodeOnly;
                TemplateChecks.Content(this, template, $"{key}:{i}", allowWithoutCode, codeKeys, known);
            }
        });

    /// <summary>Logto's check that the Register, SignIn, ForgotPassword and Generic templates exist.</summary>
    public void RequireUsageTypes<TTemplate>(IList<TTemplate>? templates, string key)
        where TTemplate : SmsTemplate
    {
        SmsUsageType[] required = [SmsUsageType.Register, SmsUsageType.SignIn, SmsUsageType.ForgotPassword, SmsUsageType.Generic];
        // A template whose usage type only differs in case or spaces is reported as such, not as missing.
        var missing = required.Where(type => templates is null || !templates.Any(t => string.Equals(t.UsageType?.Trim(), type.Value, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (missing.Length > 0)
        {
            AddGeneral($"'{key}': Template with UsageType ({string.Join(", ", missing)}) should be provided!");
        }
    }

    /// <summary>Checks that <paramref name="value"/> names another registered connector.</summary>
    public void ConnectorReference(IReadOnlyList<string> registered, string? value, string key)
    {
        if (!Required(value, key))
        {
            return;
        }

        if (!registered.Contains(value!, StringComparer.OrdinalIgnoreCase))
        {
            Add(key, $"names '{value}', which is not a registered connector (registered: {string.Join(", ", registered)})");
        }
        else if (string.Equals(value, ConnectorName, StringComparison.OrdinalIgnoreCase))
        {
            Add(key, "names this connector itself");
        }
    }

    public ValidateOptionsResult ToResult() =>
        _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);
}
