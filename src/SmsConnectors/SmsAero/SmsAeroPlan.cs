using System.Net.Http.Headers;
using System.Text;
using SmsConnectors.Sending;
using SmsConnectors.Templates;

namespace SmsConnectors.SmsAero;

/// <summary>The SMSAero connector's plan: its hosts, its templates and its Basic credentials, encoded once per options instance.</summary>
internal sealed class SmsAeroPlan(SmsAeroOptions options)
    : ConnectorPlan<SmsAeroOptions>(
        options,
        [.. new[] { options.BaseUrl }.Concat(options.EffectiveMirrorUrls()).Select(url => new Uri(url.TrimEnd('/') + "/sms/send", UriKind.Absolute))],
        TextTemplates.Parse(options.Templates))
{
    /// <summary>Gets the <c>Authorization</c> value of every request; it is immutable, so requests share it.</summary>
    public AuthenticationHeaderValue Authorization { get; } =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Email}:{options.ApiKey}")));
}
