using System.Text;

namespace SmsConnectors.Seven;

/// <summary>Encodes form fields exactly as <see cref="FormUrlEncodedContent"/> does (data-escaped, spaces as <c>+</c>), once per message.</summary>
internal static class FormBody
{
    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Escape(name)).Append('=').Append(Escape(value));
        }

        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
