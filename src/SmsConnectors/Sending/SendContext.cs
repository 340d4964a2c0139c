namespace SmsConnectors.Sending;

/// <summary>One send as the send path carries it: the message, its normalised number and the plan of the options in force.</summary>
/// <typeparam name="TPlan">The connector's plan.</typeparam>
/// <param name="Message">The message the application sends.</param>
/// <param name="To">The recipient, normalised.</param>
/// <param name="Plan">What was compiled from the options in force.</param>
internal sealed record SendContext<TPlan>(SmsMessage Message, SmsPhoneNumber To, TPlan Plan)
{
    /// <summary>Gets the segments of the rendered text, when the connector rendered one (<see cref="MessageLimits.Segments"/>).</summary>
    public SmsSegmentCount? Segments { get; set; }

    /// <summary>Gets or sets how many requests the delivery made (each host tried counts); for traces and metrics.</summary>
    public int Attempts { get; set; }
}
