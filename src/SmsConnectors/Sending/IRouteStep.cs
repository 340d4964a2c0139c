namespace SmsConnectors.Sending;

/// <summary>A connector a composite sends through: the composite applied the guard once already, so the step does not again.</summary>
internal interface IRouteStep
{
    /// <summary>Sends <paramref name="message"/> as one step of a composite's route, without the guard.</summary>
    Task<SmsSendResult> SendAsRouteStepAsync(SmsMessage message, CancellationToken cancellationToken);
}
