using System.Buffers;

namespace SmsConnectors.AspNetCore.DeliveryReports;

/// <summary>Reads a request body whole, up to a cap, whatever the request says about its length.</summary>
internal static class RequestBody
{
    /// <summary>The body's bytes, or <see langword="null"/> when it has more than <paramref name="limit"/> of them (reading stops there).</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
