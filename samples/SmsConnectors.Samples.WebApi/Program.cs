using SmsConnectors.Samples.WebApi;

await SampleApp.Build(args).RunAsync();
