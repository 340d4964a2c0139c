using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using SmsConnectors.Answers;
using SmsConnectors.Balance;
using SmsConnectors.Serialization;

namespace SmsConnectors.Seven;

/// <summary>
/// Seven's balance call: <c>GET {BaseUrl}/balance</c> with the key in <c>X-Api-Key</c> and
/// <c>Accept: application/json</c>, answered <c>{"amount": 12.34, "currency": "EUR"}</c>, or in the
/// older form with a bare number (the amount, no currency). A failure is a bare result code from
/// Seven's table (<see cref="SevenConnector.Classify(string)"/>), such as <c>900</c> for a wrong key.
/// </summary>
internal static class SevenBalance
{
    private const string Path = "/balance";
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    /// <summary>Asks Seven for the balance.</summary>
    public static async Task<SmsBalance> GetAsync(BalanceQuery<SevenOptions> query, SevenOptions options, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(options);
        var answer = await query.SendAsync(request, options, cancellationToken).ConfigureAwait(false);
        return query.Finish(answer, Read(answer), options);
    }

    /// <summary>The balance request: no body, the key and the JSON accept header only.</summary>
    internal static HttpRequestMessage CreateRequest(SevenOptions options)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.BaseUrl.TrimEnd('/') + Path, UriKind.Absolute));
        request.Headers.Add("X-Api-Key", options.ApiKey);
        request.Headers.Accept.Add(Json);
        return request;
    }

    /// <summary>Reads Seven's answer to the balance request.</summary>
    internal static BalanceReading Read(VendorAnswer answer)
    {
        if (!answer.TryReadJson(SevenJsonContext.Default.JsonElement, out var root, out var problem))
        {
            return BalanceReading.NotUnderstood(problem);
        }

        switch (root.ValueKind)
        {
            case JsonValueKind.Number or JsonValueKind.String:
                // A bare value: a result code Seven documents for a refused key, or the older form's amount.
                var text = SevenConnector.TextOf(root);
                if (SevenConnector.IsCode(text) && SevenConnector.Classify(text) is { Code: SmsErrorCode.AuthorizationFailed, Meaning: var meaning })
                {
                    return BalanceReading.Failed(VendorVerdict.Failed(SmsErrorCode.AuthorizationFailed, text, null, meaning, mayHaveBeenSent: false));
                }

                return TryAmount(root, out var bare)
                    ? BalanceReading.Of(bare)
                    : BalanceReading.NotUnderstood("it is neither an amount nor a result code");

            case JsonValueKind.Object:
                if (root.TryGetProperty("amount", out var amount))
                {
                    if (!TryAmount(amount, out var value))
                    {
                        return BalanceReading.NotUnderstood("its 'amount' is not a number");
                    }

                    var currency = root.TryGetProperty("currency", out var unit) && unit.ValueKind == JsonValueKind.String ? SevenConnector.TextOf(unit) : null;
                    return BalanceReading.Of(value, currency);
                }

                // An error in an object: {"success": "900"}.
                if (root.TryGetProperty("success", out var success) && SevenConnector.TextOf(success) is { } code && SevenConnector.IsCode(code))
                {
                    var (errorCode, documented) = SevenConnector.Classify(code);
                    return BalanceReading.Failed(VendorVerdict.Failed(errorCode, code, null, documented ?? "an undocumented result code", mayHaveBeenSent: false));
                }

                return BalanceReading.NotUnderstood("it has no 'amount'");

            default:
                return BalanceReading.NotUnderstood("it is neither an amount nor a JSON object");
        }
    }

    /// <summary>A JSON number, or a string holding one (<c>"12.34"</c>), as a decimal.</summary>
    private static bool TryAmount(JsonElement element, out decimal amount)
    {
        amount = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDecimal(out amount),
            JsonValueKind.String => decimal.TryParse(SevenConnector.TextOf(element), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount),
            _ => false,
        };
    }
}
