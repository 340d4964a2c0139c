using System.Globalization;
using SmsConnectors.Tencent;

namespace SmsConnectors.Benchmarks;

/// <summary>
/// The floor: a raw <see cref="HttpClient"/> sending the bytes a connector sends and reading the
/// answer, with nothing else. For Tencent it signs each request with the same TC3 code the connector uses.
/// </summary>
public sealed class RawSender(HttpClient client, CapturedRequest captured, Vendor vendor, TimeProvider timeProvider)
{
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(captured.Method, captured.Uri);
        foreach (var (name, value) in captured.Headers)
        {
            if (vendor == Vendor.Tencent && name is "Authorization" or "X-TC-Timestamp")
            {
                continue;
            }

            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (captured.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            foreach (var (name, value) in captured.ContentHeaders)
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }

            if (vendor == Vendor.Tencent)
            {
                var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
                var signature = Tc3Signer.Sign(Vendors.TencentSecretId, Vendors.TencentSecretKey, TencentConnector.Service, Tc3Signer.HostOf(captured.Uri), TencentConnector.ContentType, body, timestamp);
                request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
                request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            }
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return answer.Length;
    }
}
