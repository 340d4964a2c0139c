using SmsConnectors.Validation;

namespace SmsConnectors.Tencent;

internal sealed class TencentOptionsValidator : VendorOptionsValidator<TencentOptions>
{
    protected override void CheckVendorKeys(OptionsProblems problems, TencentOptions options)
    {
        if (problems.Required(options.AccessKeyId, "accessKeyId") && options.AccessKeyId.Any(c => char.IsWhiteSpace(c) || c is '/' or ','))
        {
            problems.Add("accessKeyId", "must not contain whitespace, '/' or ','");
        }

        problems.Required(options.AccessKeySecret, "accessKeySecret");
        problems.Required(options.SignName, "signName");
        problems.Required(options.SdkAppId, "sdkAppId");
        if (problems.Required(options.Region, "region") && !options.Region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            problems.Add("region", "may contain only letters, digits and '-' (for example ap-guangzhou)");
        }

        if (problems.Required(options.Endpoint, "endpoint"))
        {
            problems.VendorUrl(options.Endpoint, "endpoint");
            if (Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.AbsolutePath != "/")
            {
                problems.Add("endpoint", "must be the API's address without a path (for example https://sms.ap-guangzhou.tencentcloudapi.com), because requests are signed for '/'");
            }
        }

        if (!string.IsNullOrEmpty(options.CallbackToken)
            && (options.CallbackToken.Length < TencentOptions.MinCallbackTokenLength || !options.CallbackToken.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')))
        {
            problems.Add("callbackToken", $"must be at least {TencentOptions.MinCallbackTokenLength} characters of letters, digits, '-', '.', '_' and '~' (it goes into the callback URL as it is); generate one, for example with 'openssl rand -hex 24'");
        }

        problems.Templates(options.Templates, "templates", required: true, (template, i) =>
        {
            problems.Required(template.TemplateCode, $"templates:{i}:templateCode");
            if (TemplateChecks.IsPasscodeType(template.UsageType?.Trim() ?? string.Empty) && !options.AllowTemplatesWithoutCode
                && template.Parameters is { } parameters && !parameters.Contains("code"))
            {
                problems.Add($"templates:{i}:parameters", $"leaves out 'code' for a {template.UsageType} template, so the user would get no passcode; add \"code\", or set 'allowTemplatesWithoutCode': true if that is intended");
            }

            for (var p = 0; p < (template.Parameters?.Count ?? 0); p++)
            {
                problems.Required(template.Parameters![p], $"templates:{i}:parameters:{p}");
            }
        });
        problems.RequireUsageTypes(options.Templates, "templates");
    }
}
