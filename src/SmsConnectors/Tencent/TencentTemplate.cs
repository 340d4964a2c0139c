using SmsConnectors.Templates;

namespace SmsConnectors.Tencent;

/// <summary>
/// A Tencent Cloud SMS template: the text lives at Tencent and is only referred to by its id;
/// the message supplies the values of its numbered variables.
/// </summary>
public sealed class TencentTemplate : SmsTemplate
{
    /// <summary>Gets the parameters used when <see cref="Parameters"/> is not set: the passcode alone.</summary>
    public static IReadOnlyList<string> DefaultParameters { get; } = ["code"];

    /// <summary>Gets or sets the approved template's id, sent as <c>TemplateId</c> (Logto's <c>templateCode</c>).</summary>
    public string TemplateCode { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the payload keys whose values fill the template's variables <c>{1}</c>,
    /// <c>{2}</c>, ... in this order (sent as <c>TemplateParamSet</c>). Not set (the default) means
    /// <see cref="DefaultParameters"/>; an empty list means a template without variables. A listed
    /// key that the message payload lacks (or holds as null) fails the send before anything is sent.
    /// </summary>
    public List<string>? Parameters { get; set; }

    /// <summary>Gets the parameters in force: <see cref="Parameters"/>, or <see cref="DefaultParameters"/> when not set.</summary>
    internal IReadOnlyList<string> EffectiveParameters => Parameters ?? DefaultParameters;
}
