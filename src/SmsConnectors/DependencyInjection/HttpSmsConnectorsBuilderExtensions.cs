using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Generic HTTP connector.</summary>
public static class HttpSmsConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds a Generic HTTP connector: it calls an endpoint of your own (a webhook or an SMS
    /// gateway) with a GET or POST request built from <see cref="HttpSmsOptions"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddHttp(this SmsConnectorsBuilder builder, string name, Action<HttpSmsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHttp(name, SmsConnectorsBuilder.FromCode(configure));
    }

    internal static SmsConnectorsBuilder AddHttp(this SmsConnectorsBuilder builder, string name, IConfigurationSection section) =>
        builder.AddHttp(name, options => options
            .Bind(section)

            // A configure step, not a one-off read, so that a reloaded configuration is read again.
            .Configure(o => ReadJsonKeys(section, o)));

    private static SmsConnectorsBuilder AddHttp(this SmsConnectorsBuilder builder, string name, Action<OptionsBuilder<HttpSmsOptions>> configure) =>
        builder.AddVendor<HttpSmsOptions, HttpSmsOptionsValidator>(name, "Http", configure, static (connectorName, options, services) => new GenericHttpConnector(connectorName, options, services));

    /// <summary>
    /// Reads the keys the binder cannot: <c>headers</c>, <c>queryParameters</c> and
    /// <c>bodyParameters</c> (or the draft's <c>queryParams</c> and <c>bodyParams</c>), each a JSON
    /// object or a string holding one.
    /// </summary>
    private static void ReadJsonKeys(IConfigurationSection section, HttpSmsOptions options)
    {
        void Problem(string key, string problem) => options.ConfigurationProblems.Add((key, problem));

        if (section.GetSection("headers") is var headers && headers.Exists())
        {
            options.Headers = ConfigurationJson.ReadStringMap(headers, Problem) is { } map
                ? new Dictionary<string, string>(map, StringComparer.OrdinalIgnoreCase)
                : [];
        }

        if (Either(section, "queryParameters", "queryParams") is { } query)
        {
            options.QueryParameters = ConfigurationJson.ReadStringMap(query, Problem) ?? [];
        }

        if (Either(section, "bodyParameters", "bodyParams") is { } body)
        {
            options.BodyParameters = ConfigurationJson.ReadObject(body, Problem);
        }
        else if (options.BodyParameters is { ValueKind: System.Text.Json.JsonValueKind.Undefined })
        {
            options.BodyParameters = null;
        }
    }

    private static IConfigurationSection? Either(IConfigurationSection section, string key, string alias) =>
        section.GetSection(key) is var primary && primary.Exists() ? primary
        : section.GetSection(alias) is var secondary && secondary.Exists() ? secondary
        : null;
}
