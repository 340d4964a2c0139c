using System.Buffers;
using System.Net.Http;
using System.Runtime.CompilerServices;
using SmsConnectors.Answers;

namespace SmsConnectors.Transport;

/// <summary>
/// Sends one vendor request and reads its answer whole, up to a cap. Every transport failure
/// becomes an <see cref="SmsConnectorException"/> that says whether the request may have reached
/// the vendor.
/// </summary>
internal static class VendorTransport
{
    private const int InitialBufferBytes = 4 * 1024;

    /// <summary>Sends <paramref name="request"/> and reads the answer.</summary>
    /// <param name="invoker">What the connector sends through.</param>
    /// <param name="request">The request, disposed by the caller.</param>
    /// <param name="vendor">The vendor's name, for errors.</param>
    /// <param name="maxResponseBytes">The largest answer read.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<VendorAnswer> SendAsync(HttpMessageInvoker invoker, HttpRequestMessage request, string vendor, int maxResponseBytes, CancellationToken cancellationToken)
    {
        try
        {
            HttpResponseMessage response;
            try
            {
                // A handler answers once the headers are in: the body is read below, capped.
                response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.NameResolutionError
                or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
            {
                throw VendorFailure.CouldNotConnect(AuthorityOf(request, vendor), exception.HttpRequestError);
            }
            catch (HttpRequestException exception)
            {
                throw VendorFailure.FailedAfterSending(AuthorityOf(request, vendor), exception.HttpRequestError);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw VendorFailure.NoAnswer(AuthorityOf(request, vendor));
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                try
                {
                    var body = await ReadBodyAsync(response.Content, vendor, status, maxResponseBytes, cancellationToken).ConfigureAwait(false);
                    return new VendorAnswer(status, response.Headers, body);
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException)
                {
                    throw VendorFailure.CutShort(vendor, status, exception);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw VendorFailure.NoAnswer(AuthorityOf(request, vendor));
                }
            }
        }
        finally
        {
            (request as VendorRequest)?.Progress?.Ended();
        }
    }

    /// <summary>The host a failure names: the request's, else the vendor.</summary>
    private static string AuthorityOf(HttpRequestMessage request, string vendor) => request.RequestUri?.Authority ?? vendor;

    /// <summary>Reads the body into an array of exactly its length, refusing more than <paramref name="maxBytes"/>.</summary>
    private static async ValueTask<byte[]> ReadBodyAsync(HttpContent content, string vendor, int status, int maxBytes, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw VendorFailure.TooLarge(vendor, status, maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (declared is { } length)
            {
                var exact = new byte[length];
                await stream.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
                return exact;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, InitialBufferBytes));
            try
            {
                var total = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw VendorFailure.TooLarge(vendor, status, maxBytes);
                    }

                    if (total == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, buffer.Length * 2));
                        buffer.AsSpan(0, total).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                return buffer.AsSpan(0, total).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
