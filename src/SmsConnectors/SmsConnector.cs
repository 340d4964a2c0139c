using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Templates;

namespace SmsConnectors;

/// <summary>
/// What every connector does around its vendor call: read the current options (so a reloaded
/// configuration applies to the next send), normalise the number, log with the number masked, and
/// name itself on every error.
/// </summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
internal abstract class SmsConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : ISmsConnector
    where TOptions : SmsConnectorOptions
{
    private readonly IOptionsMonitor<TOptions> _options;

    protected SmsConnector(string name, IOptionsMonitor<TOptions> options, ILogger logger)
    {
        Name = name;
        _options = options;
        Logger = logger;
    }

    public string Name { get; }

    protected ILogger Logger { get; }

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var masked = PhoneNumber.Mask(message.To);
        try
        {
            var context = new SmsSendContext<TOptions>(Name, message, PhoneNumber.Parse(message.To), CurrentOptions());
            masked = context.To.Masked;
            SmsConnectorLog.Sending(Logger, Name, message.Type.Value, masked);
            var result = await SendCoreAsync(context, cancellationToken).ConfigureAwait(false);
            SmsConnectorLog.Sent(Logger, Name, message.Type.Value, masked, result.MessageId);
            return result;
        }
        catch (SmsConnectorException exception)
        {
            exception.ConnectorName ??= Name;
            SmsConnectorLog.Failed(Logger, Name, message.Type.Value, masked, exception.Code, exception.ProviderCode, exception.HttpStatus, exception.MayHaveBeenSent);
            throw;
        }
    }

    /// <summary>Sends the message through the vendor.</summary>
    protected abstract Task<SmsSendResult> SendCoreAsync(SmsSendContext<TOptions> context, CancellationToken cancellationToken);

    /// <summary>Selects the message's template from <paramref name="templates"/> and renders it.</summary>
    protected static string Render(SmsSendContext<TOptions> context, IEnumerable<SmsTextTemplate> templates)
    {
        var template = TemplateSelector.Select(templates, context.Message.Type, context.Message.Locale);
        return template.Compile().Render(context.Message.Payload, strict: !context.Options.AllowUnresolvedPlaceholders);
    }

    private TOptions CurrentOptions()
    {
        try
        {
            return _options.Get(Name);
        }
        catch (OptionsValidationException exception)
        {
            throw new SmsConnectorException(SmsErrorCode.InvalidConfig, string.Join(" ", exception.Failures), exception)
            {
                MayHaveBeenSent = false,
            };
        }
    }
}
