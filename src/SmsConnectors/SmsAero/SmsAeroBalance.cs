using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmsConnectors.Answers;
using SmsConnectors.Balance;
using SmsConnectors.Serialization;

namespace SmsConnectors.SmsAero;

/// <summary>
/// SMSAero's balance call: <c>GET {BaseUrl}/balance</c> with the Basic authentication of a send
/// (email and API key), answered <c>{"success":true,"data":{"balance":337.03},"message":null}</c>;
/// the account is kept in roubles. <c>success:false</c> is a refusal with the vendor's message.
/// Like a send, it moves on to the next mirror only when a host cannot be connected to.
/// </summary>
internal static class SmsAeroBalance
{
    /// <summary>The account's currency: SMSAero accounts are kept in Russian roubles.</summary>
    public const string Currency = "RUB";

    private const string Path = "/balance";
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    /// <summary>Asks SMSAero for the balance, at the base address and then at each mirror that cannot be connected to.</summary>
    public static async Task<SmsBalance> GetAsync(BalanceQuery<SmsAeroOptions> query, SmsAeroOptions options, CancellationToken cancellationToken)
    {
        var addresses = Addresses(options);
        for (var i = 0; ; i++)
        {
            VendorAnswer answer;
            try
            {
                using var request = CreateRequest(options, addresses[i]);
                answer = await query.SendAsync(request, options, cancellationToken).ConfigureAwait(false);
            }
            catch (SmsConnectorException exception) when (exception is { Code: SmsErrorCode.ServiceUnavailable, HttpStatus: null } && i + 1 < addresses.Count)
            {
                continue;
            }

            return query.Finish(answer, Read(answer), options);
        }
    }

    /// <summary>The balance addresses in the order they are tried: the base address, then the mirrors in force.</summary>
    internal static IReadOnlyList<Uri> Addresses(SmsAeroOptions options) =>
        [.. new[] { options.BaseUrl }.Concat(options.EffectiveMirrorUrls()).Select(url => new Uri(url.TrimEnd('/') + Path, UriKind.Absolute))];

    /// <summary>The balance request: no body, Basic authentication and the JSON accept header only.</summary>
    internal static HttpRequestMessage CreateRequest(SmsAeroOptions options, Uri address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Email}:{options.ApiKey}")));
        request.Headers.Accept.Add(Json);
        return request;
    }

    /// <summary>Reads SMSAero's answer to the balance request.</summary>
    internal static BalanceReading Read(VendorAnswer answer)
    {
        if (!answer.TryReadJson(SmsAeroJsonContext.Default.SmsAeroResponse, out var response, out var problem))
        {
            return BalanceReading.NotUnderstood(problem);
        }

        switch (response.Success)
        {
            case true:
                return response.Data.ValueKind == JsonValueKind.Object && response.Data.TryGetProperty("balance", out var balance) && TryAmount(balance, out var amount)
                    ? BalanceReading.Of(amount, Currency)
                    : BalanceReading.NotUnderstood("it has no number in 'data.balance'");

            case false:
                var message = response.Message;
                return BalanceReading.Failed(VendorVerdict.Failed(
                    SmsAeroConnector.Classify(answer.StatusCode, message),
                    providerCode: null,
                    message,
                    meaning: "the balance request was refused",
                    mayHaveBeenSent: false,
                    isTransient: answer.StatusCode is 429 or 503));

            default:
                return BalanceReading.NotUnderstood("it has no 'success'");
        }
    }

    /// <summary>A JSON number, or a string holding one (<c>"337.03"</c>), as a decimal.</summary>
    private static bool TryAmount(JsonElement element, out decimal amount)
    {
        amount = 0;
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Number => element.TryGetDecimal(out amount),
                JsonValueKind.String => decimal.TryParse(JsonStringOrNumberConverter.TextOf(element), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount),
                _ => false,
            };
        }
        catch (InvalidOperationException)
        {
            return false; // a string that is not valid UTF-8
        }
    }
}
