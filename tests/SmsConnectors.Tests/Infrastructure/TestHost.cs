using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>Builds service providers the way an application would, with test doubles where asked.</summary>
public static class TestHost
{
    /// <summary>Configuration from a JSON text (the way appsettings.json would give it).</summary>
    public static IConfigurationRoot Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>
    /// Builds a provider: <paramref name="configure"/> adds connectors; every connector named in
    /// <paramref name="mockedConnectors"/> sends through <paramref name="mock"/> instead of the network.
    /// Runs startup validation like a host would.
    /// </summary>
    public static ServiceProvider Build(
        Action<IServiceCollection> configure,
        MockHttpMessageHandler? mock = null,
        IEnumerable<string>? mockedConnectors = null,
        TimeProvider? timeProvider = null,
        Action<IServiceCollection>? after = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (timeProvider is not null)
        {
            services.TryAddSingleton(timeProvider);
        }

        configure(services);
        if (mock is not null)
        {
            var builder = services.AddSmsConnectors();
            foreach (var name in mockedConnectors ?? [])
            {
                builder.ConfigurePrimaryHttpMessageHandler(name, _ => mock);
            }
        }

        after?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    /// <summary>The startup validation messages for a configuration (empty when it is valid).</summary>
    public static IReadOnlyList<string> StartupFailures(Action<IServiceCollection> configure)
    {
        try
        {
            using var provider = Build(configure);
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
        catch (AggregateException exception)
        {
            return [.. exception.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }
}
