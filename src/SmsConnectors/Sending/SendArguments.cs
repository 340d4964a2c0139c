namespace SmsConnectors.Sending;

/// <summary>The argument checks every connector's <c>SendAsync</c> makes before anything else.</summary>
internal static class SendArguments
{
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="ArgumentException">The message's payload is null.</exception>
    public static void Check(SmsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Payload is null)
        {
            throw new ArgumentException("The message's Payload must not be null; leave it unset for an empty payload.", nameof(message));
        }
    }
}
