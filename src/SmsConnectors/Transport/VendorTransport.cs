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
    /// <summary>Sends <paramref name="request"/> and reads the answer, its body copied into a pooled buffer of at most <paramref name="maxResponseBytes"/>.</summary>
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
                AnswerBuffer? buffer = null;
                try
                {
                    var content = response.Content;
                    var declared = content.Headers.ContentLength;
                    if (declared > maxResponseBytes)
                    {
                        throw VendorFailure.TooLarge(vendor, status, maxResponseBytes);
                    }

                    buffer = AnswerBuffer.Rent(declared, maxResponseBytes, vendor, status);
                    await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (buffer.Length < declared)
                    {
                        throw new EndOfStreamException($"The body ended after {buffer.Length} of the {declared} bytes its Content-Length declares.");
                    }

                    var answer = buffer.Detach(status, response.Headers);
                    buffer = null;
                    return answer;
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException)
                {
                    throw VendorFailure.CutShort(vendor, status, exception);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw VendorFailure.NoAnswer(AuthorityOf(request, vendor));
                }
                finally
                {
                    buffer?.Abandon();
                }
            }
        }
        finally
        {
            (request as VendorRequest)?.Ended();
        }
    }

    /// <summary>The host a failure names: the request's, else the vendor.</summary>
    private static string AuthorityOf(HttpRequestMessage request, string vendor) => request.RequestUri?.Authority ?? vendor;
}
