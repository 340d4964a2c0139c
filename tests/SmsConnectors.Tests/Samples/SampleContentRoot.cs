using Microsoft.AspNetCore.Mvc.Testing;

// WebApplicationFactory<Program> runs the sample from this project's output folder, which holds
// copies of its appsettings files, rather than from its source folder, so that no test writes there.
// Priority -2 comes before the -1 that Microsoft.AspNetCore.Mvc.Testing generates for the source folder.
[assembly: WebApplicationFactoryContentRoot("SmsConnectors.Samples.WebApi", ".", "appsettings.json", "-2")]
