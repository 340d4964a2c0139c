using System.Globalization;

namespace SmsConnectors.Sending;

/// <summary>The one check of a rendered text against the length a vendor accepts, made before anything is sent.</summary>
internal static class MessageLimits
{
    /// <summary>Returns <paramref name="text"/> when it has at most <paramref name="maxLength"/> characters.</summary>
    /// <param name="text">The rendered text.</param>
    /// <param name="maxLength">The most characters allowed.</param>
    /// <param name="what">What the text is, for the message (for example <c>Seven's text</c>).</param>
    /// <exception cref="SmsConnectorException">The text is longer (<see cref="SmsErrorCode.InvalidRequestParameters"/>, nothing sent).</exception>
    public static string AtMost(string text, int maxLength, string what) =>
        text.Length <= maxLength ? text : throw TooLong(text.Length, maxLength, what);

    /// <summary>The failure for a text of <paramref name="length"/> characters where <paramref name="maxLength"/> are allowed.</summary>
    public static SmsConnectorException TooLong(int length, int maxLength, string what) =>
        new(
            SmsErrorCode.InvalidRequestParameters,
            string.Create(CultureInfo.InvariantCulture, $"{what} has {length} characters, more than the {maxLength} allowed; nothing was sent."))
        {
            MayHaveBeenSent = false,
        };

    /// <summary>
    /// Counts the segments of the rendered <paramref name="text"/> for the result, traces and metrics,
    /// refusing a text of more than <paramref name="maxSegments"/> segments before anything is sent.
    /// </summary>
    /// <returns><paramref name="text"/>.</returns>
    /// <exception cref="SmsConnectorException">The text takes more segments than allowed (<see cref="SmsErrorCode.InvalidRequestParameters"/>, nothing sent).</exception>
    public static string Segments<TPlan>(SendContext<TPlan> context, string text, int? maxSegments)
    {
        var count = SmsSegments.Count(text);
        if (count.Segments > maxSegments)
        {
            throw new SmsConnectorException(
                SmsErrorCode.InvalidRequestParameters,
                string.Create(CultureInfo.InvariantCulture, $"The rendered text takes {count.Segments} SMS segments ({count.Encoding}, {count.Characters} characters), more than the {maxSegments} allowed by 'MaxSegments'; nothing was sent."))
            {
                MayHaveBeenSent = false,
            };
        }

        context.Segments = count;
        return text;
    }
}
