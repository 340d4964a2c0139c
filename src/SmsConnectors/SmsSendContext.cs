namespace SmsConnectors;

/// <summary>One send as a connector sees it: the message, its normalised number and the options in force.</summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
internal sealed record SmsSendContext<TOptions>(string ConnectorName, SmsMessage Message, PhoneNumber To, TOptions Options)
    where TOptions : SmsConnectorOptions;
