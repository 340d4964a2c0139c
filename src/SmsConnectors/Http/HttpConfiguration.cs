using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SmsConnectors.Serialization;

namespace SmsConnectors.Http;

/// <summary>
/// Reads the Generic HTTP keys the binder cannot: <c>headers</c>, <c>queryParameters</c> and
/// <c>bodyParameters</c> (or the draft's <c>queryParams</c> and <c>bodyParams</c>), each a JSON object
/// or a string holding one. What is wrong with them is kept per options instance for validation.
/// </summary>
internal static class HttpConfiguration
{
    private static readonly ConditionalWeakTable<HttpSmsOptions, List<(string Key, string Problem)>> Problems = [];

    /// <summary>Gets the problems found while reading <paramref name="options"/>' JSON keys.</summary>
    public static IReadOnlyList<(string Key, string Problem)> ProblemsOf(HttpSmsOptions options) =>
        Problems.TryGetValue(options, out var problems) ? problems : [];

    /// <summary>Reads the JSON keys of <paramref name="section"/> into <paramref name="options"/>.</summary>
    public static void ReadJsonKeys(IConfigurationSection section, HttpSmsOptions options)
    {
        void Problem(string key, string problem) => Problems.GetOrCreateValue(options).Add((key, problem));

        if (section.GetSection("headers") is var headers && headers.Exists())
        {
            options.Headers = ConfigurationJson.ReadStringMap(headers, Problem) is { } map
                ? new Dictionary<string, string>(map, StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        if (Either(section, "queryParameters", "queryParams") is { } query)
        {
            options.QueryParameters = ConfigurationJson.ReadStringMap(query, Problem) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (Either(section, "bodyParameters", "bodyParams") is { } body)
        {
            options.BodyParameters = ConfigurationJson.ReadObject(body, Problem);
        }
        else if (options.BodyParameters is { ValueKind: JsonValueKind.Undefined })
        {
            options.BodyParameters = null;
        }
    }

    private static IConfigurationSection? Either(IConfigurationSection section, string key, string alias) =>
        section.GetSection(key) is var primary && primary.Exists() ? primary
        : section.GetSection(alias) is var secondary && secondary.Exists() ? secondary
        : null;
}
