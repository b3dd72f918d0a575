using Frontline.Cli;
using Frontline.Components;
using Frontline.Data;
using Frontline.Features.Accounts;
using Frontline.Features.Demand;
using Frontline.Features.Demo;
using Frontline.Features.Directory;
using Frontline.Features.Experience;
using Frontline.Features.Knowledge;
using Frontline.Features.Mail;
using Frontline.Features.Operations;
using Frontline.Features.ServiceLevels;
using Frontline.Features.Tickets;
using Frontline.Features.Triage;

return await CommandLine.RunAsync(args, Console.Out, Console.Error);

/// <summary>The composition root: one line per concern.</summary>
public static partial class Program
{
    public static WebApplication BuildApp(ServeOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.HostArguments, ApplicationName = typeof(Program).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        if (options.Demo)
        {
            // Under the caller's own settings, so a demo can still be tuned.
            builder.Configuration.AddInMemoryCollection(DemoOrganisation.ServiceLevelSettings);
            builder.Configuration.AddInMemoryCollection(DemoOrganisation.ExperienceSettings(DateTime.UtcNow));
        }
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.WebHost.UseUrls(options.Urls);
        // Serves wwwroot and the packages' assets (MudBlazor) from a build as well as from a publish.
        builder.WebHost.UseStaticWebAssets();
        builder.AddOperations();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddFrontlineData(options.Database);
        builder.Services.AddSqliteCheckpoints(options.Database, builder.Configuration);
        builder.Services.AddKeyProtection(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddTickets(builder.Configuration, options.Database);
        builder.Services.AddServiceLevels(builder.Configuration);
        builder.Services.AddTriage();
        builder.Services.AddExperience(builder.Configuration);
        builder.Services.AddDemand(builder.Configuration);
        builder.Services.AddKnowledge(builder.Configuration);
        builder.Services.AddMail(builder.Configuration, options.Database);
        builder.Services.AddDemoOrganisation();
        builder.Services.AddWebPages();

        var app = builder.Build();
        app.UseOperations();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        var api = app.MapGroup("/api/v1");
        api.MapTicketsApi();
        api.MapServiceLevelsApi();
        api.MapExperienceApi();
        api.MapDemandApi();
        api.MapKnowledgeApi();
        api.MapMailApi();
        api.MapPeopleApi();
        api.MapCatalogApi();
        api.MapTriageApi();
        app.MapAccounts();
        app.MapSurveyLinks();
        app.MapWebPages();
        return app;
    }

    /// <summary>Everything between building and serving: schema, first admin, demo data.</summary>
    public static async Task PrepareAsync(WebApplication app, ServeOptions options, TextWriter output)
    {
        await DataFeature.MigrateAsync(app.Services, app.Lifetime.ApplicationStopping);
        await AccountsFeature.EnsureFirstAdminAsync(app.Services, output);
        if (options.Demo)
        {
            await DemoOrganisation.SeedAsync(app.Services, output, app.Lifetime.ApplicationStopping);
        }
    }
}
