using Frontline.Domain.ServiceLevels;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;

namespace Frontline.Features.ServiceLevels;

public static class ServiceLevelsFeature
{
    public static IServiceCollection AddServiceLevels(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new ServiceLevelSettings();
        // Binding updates the defaults in place, so changing one target leaves the others as they were.
        configuration.GetSection("ServiceLevels").Bind(settings);
        // Read once at start, so a bad setting stops the process with its name instead of failing every ticket page.
        IReadOnlyList<ServiceLevelPolicy> policies = settings.ToPolicies();
        services.AddSingleton(policies);
        services.AddScoped<TicketServiceLevels>();
        return services;
    }

    public static void MapServiceLevelsApi(this RouteGroupBuilder api) =>
        api.MapGet("/tickets/{number}/clocks", (string number, Caller caller, TicketDesk desk, TicketServiceLevels levels, CancellationToken ct) =>
            TicketsApi.ForVisibleAsync(number, caller, desk, async ticket => Results.Ok((await levels.ForTicketAsync(ticket.Id, ct)).Select(ClockView.Of).ToList()), ct))
            .WithTags("Service levels");
}
