using SmsConnectors.Resilience.Internal;

namespace SmsConnectors.Sending;

/// <summary>One send as the send path carries it: the message, its normalised number, the plan of the options in force and how far its attempt got.</summary>
/// <typeparam name="TPlan">The connector's plan.</typeparam>
/// <param name="message">The message the application sends.</param>
/// <param name="to">The recipient, normalised.</param>
/// <param name="plan">What was compiled from the options in force.</param>
internal sealed class SendContext<TPlan>(SmsMessage message, SmsPhoneNumber to, TPlan plan) : AttemptTracker
{
    /// <summary>Gets the message the application sends.</summary>
    public SmsMessage Message { get; } = message;

    /// <summary>Gets the recipient, normalised.</summary>
    public SmsPhoneNumber To { get; } = to;

    /// <summary>Gets what was compiled from the options in force.</summary>
    public TPlan Plan { get; } = plan;

    /// <summary>Gets the segments of the rendered text, when the connector rendered one (<see cref="MessageLimits.Segments"/>).</summary>
    public SmsSegmentCount? Segments { get; set; }

    /// <summary>Gets or sets how many requests the delivery made (each host tried counts); for traces and metrics.</summary>
    public int Attempts { get; set; }
}
