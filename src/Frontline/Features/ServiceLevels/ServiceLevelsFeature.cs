using Frontline.Data;
using Frontline.Domain.ServiceLevels;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;

namespace Frontline.Features.ServiceLevels;

public sealed record EscalationRequest(string? Supplier, string? Reference);

public sealed record EscalationsView(string Number, IReadOnlyList<string> OpenWith);

public static class ServiceLevelsFeature
{
    public static IServiceCollection AddServiceLevels(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new ServiceLevelSettings();
        // Binding updates the defaults in place, so changing one target leaves the others as they were.
        configuration.GetSection("ServiceLevels").Bind(settings);
        // Read once at start, so a bad setting stops the process with its name instead of failing every ticket page.
        var setup = settings.ToSetup() with { SlaFingerprint = settings.SlaFingerprint() };
        services.AddSingleton(setup);
        services.AddSingleton(setup.Policies);
        services.AddScoped<TicketServiceLevels>();
        services.AddScoped<ServiceLevelAlarms>();
        services.AddScoped<ServiceAlignment>();
        services.AddHostedService<ServiceLevelAlarmWorker>();
        services.AddScoped<ServiceLevelOutcomes>();
        services.AddSingleton<ServiceLevelOutcomeRecorder>();
        // The outcome of a finishing change must join that change's own commit, so the recorder sits inside the unit of work.
        services.ConfigureDbContext<SqliteFrontlineDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<ServiceLevelOutcomeRecorder>()));
        services.ConfigureDbContext<PostgresFrontlineDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<ServiceLevelOutcomeRecorder>()));
        services.AddHostedService<ServiceLevelOutcomeWorker>();
        return services;
    }

    public static void MapServiceLevelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tickets/{number}/clocks", (string number, Caller caller, TicketDesk desk, TicketServiceLevels levels, CancellationToken ct) =>
            TicketsApi.ForVisibleAsync(number, caller, desk, async ticket => Results.Ok((await levels.ForTicketAsync(ticket.Id, ct)).Select(ClockView.Of).ToList()), ct))
            .WithTags("Service levels");
        api.MapPost("/tickets/{number}/escalations", EscalateAsync).WithTags("Service levels");
        api.MapPost("/tickets/{number}/escalations/{supplier}/return", ReturnAsync).WithTags("Service levels");
        api.MapGet("/suppliers", (ServiceLevelSetup setup) => TypedResults.Ok(setup.Suppliers))
            .WithTags("Service levels").RequireAuthorization(AccountsFeature.AgentPolicy);
        api.MapGet("/insights/alignment", async (ServiceAlignment alignment, CancellationToken ct) => TypedResults.Ok(await alignment.CheckAsync(ct)))
            .WithTags("Service levels").RequireAuthorization(AccountsFeature.ManagerPolicy);
    }

    private static async Task<IResult> EscalateAsync(string number, EscalationRequest body, Caller caller, TicketDesk desk, ServiceLevelSetup setup, CancellationToken ct)
    {
        if (setup.FindSupplier(body.Supplier) is not { } supplier)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["supplier"] = [setup.Suppliers.Count == 0 ? "No suppliers are configured (ServiceLevels:Suppliers)." : $"Escalate to one of: {string.Join(", ", setup.Suppliers.Select(s => s.Name))}."],
            });
        }
        return await OpenAfterAsync(await desk.EscalateAsync(caller, number, supplier.Name, body.Reference, ct), desk, ct);
    }

    private static async Task<IResult> ReturnAsync(string number, string supplier, Caller caller, TicketDesk desk, CancellationToken ct) =>
        await OpenAfterAsync(await desk.ReturnFromSupplierAsync(caller, number, supplier.Trim(), ct), desk, ct);

    private static async Task<IResult> OpenAfterAsync(Outcome<Data.Ticket> outcome, TicketDesk desk, CancellationToken ct) =>
        outcome.IsDone
            ? TypedResults.Ok(new EscalationsView(outcome.Value!.Number, [.. (await desk.OpenEscalationsAsync(outcome.Value.Id, ct)).Order(StringComparer.OrdinalIgnoreCase)]))
            : outcome.ToProblem();
}
