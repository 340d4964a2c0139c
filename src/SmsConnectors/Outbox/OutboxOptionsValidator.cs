using SmsConnectors.Validation;

namespace SmsConnectors.Outbox;

internal sealed class OutboxOptionsValidator : ConnectorOptionsValidator<OutboxOptions>
{
    protected override void Check(OptionsProblems problems, OutboxOptions options)
    {
        problems.TextTemplates(options.Templates, "templates", required: false, options.AllowTemplatesWithoutCode);
        if (options.MaxSegments < 1)
        {
            problems.Add("MaxSegments", "must be at least 1 when set");
        }

        if (options.Capacity < 1)
        {
            problems.Add("capacity", "must be at least 1");
        }
    }
}
