using SmsConnectors.Samples.WebApi;

await SampleApp.Build(args).RunAsync();

/// <summary>The entry point, public so that tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
