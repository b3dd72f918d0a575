using Frontline.Data;
using Frontline.Features.Accounts;
using Frontline.Features.Demand;
using Frontline.Features.Triage;

namespace Frontline.Cli;

/// <summary>
/// The services a batch command needs (data, accounts, clock) without the web host: no pages, no static
/// assets, no listening socket, so commands run the same from a build, a publish or a test.
/// </summary>
public static class CommandHost
{
    /// <summary>Builds the services, brings the schema up to date and makes sure the roles (and a first admin) exist.</summary>
    public static async Task<ServiceProvider> StartAsync(string[] databaseArgs, TextWriter output)
    {
        var options = CommandLine.ParseServe(databaseArgs);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(options.Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // stdout carries the command's answer; warnings go to stderr with the progress.
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddSingleton(TimeProvider.System);
        services.AddFrontlineData(options.Database);
        services.AddAccounts(configuration);
        services.AddTriage();
        services.AddDemand(configuration);
        var provider = services.BuildServiceProvider();
        await DataFeature.MigrateAsync(provider, CancellationToken.None);
        await AccountsFeature.EnsureFirstAdminAsync(provider, output);
        return provider;
    }

    /// <summary>The options every command shares with serve: where the database is.</summary>
    public static string[] DatabaseArgs(Dictionary<string, string> values) =>
        [.. values.Where(v => v.Key is "--data" or "--database" or "--sqlite-sync").SelectMany(v => new[] { v.Key, v.Value })];
}
