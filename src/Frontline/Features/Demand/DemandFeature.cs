using Frontline.Data;
using Frontline.Domain.Patterns;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;

namespace Frontline.Features.Demand;

public sealed record DiscoveryRequest(int? Patterns);

public sealed record ImprovementView(int Id, int PatternId, PatternAction Action, string Description, DateTime StartedAt, double BaselinePerWeek, string? ProblemNumber, int? ArticleId)
{
    public static ImprovementView Of(Improvement i) =>
        new(i.Id, i.PatternId, i.Action, i.Description, i.StartedAt, i.BaselinePerWeek, i.ProblemTicket?.Number, i.ArticleId);
}

/// <summary>Demand intelligence: the patterns the desk solves again and again, the actions taken on them and what changed.</summary>
public static class DemandFeature
{
    public const int MaxPatterns = 500;

    public static IServiceCollection AddDemand(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Demand:PlaceEverySeconds", 60);
        // Read once at start, so a bad setting stops the process with its name.
        if (seconds < 1)
        {
            throw new InvalidOperationException("Demand:PlaceEverySeconds: place new tickets at least every few seconds (1 or more).");
        }
        return services.AddScoped<DemandPatterns>().AddScoped<DemandInsights>().AddScoped<DemandActions>()
            .AddSingleton(new DemandPlacementSchedule(TimeSpan.FromSeconds(seconds))).AddHostedService<DemandPlacementWorker>();
    }

    public static void MapDemandApi(this RouteGroupBuilder api)
    {
        api.MapGet("/insights/demand", async (DemandInsights insights, CancellationToken ct) => TypedResults.Ok(await insights.ReportAsync(ct)))
            .WithTags("Demand").RequireAuthorization(AccountsFeature.ManagerPolicy);
        var demand = api.MapGroup("/demand").WithTags("Demand").RequireAuthorization(AccountsFeature.ManagerPolicy);
        demand.MapPost("/discoveries", DiscoverAsync);
        demand.MapGet("/patterns", async (DemandInsights insights, CancellationToken ct) => TypedResults.Ok((await insights.ReportAsync(ct)).Patterns));
        demand.MapGet("/patterns/{id:int}", async (int id, DemandInsights insights, CancellationToken ct) =>
            await insights.DetailAsync(id, ct) is { } detail ? Results.Ok(detail)
            : Results.Problem(title: "Not found", detail: $"There is no pattern {id}.", statusCode: StatusCodes.Status404NotFound));
        demand.MapPost("/patterns/{id:int}/problem", async (int id, Caller caller, DemandActions actions, CancellationToken ct) =>
        {
            var opened = await actions.OpenProblemAsync(caller, id, Channel.Api, ct);
            return opened.IsDone ? Results.Created($"/api/v1/demand/patterns/{id}", ImprovementView.Of(opened.Value!)) : opened.ToProblem();
        });
        demand.MapPost("/patterns/{id:int}/article", async (int id, Caller caller, DemandActions actions, CancellationToken ct) =>
        {
            var drafted = await actions.DraftArticleAsync(caller, id, ct);
            return drafted.IsDone ? Results.Created($"/api/v1/knowledge/{drafted.Value!.ArticleId}", ImprovementView.Of(drafted.Value!)) : drafted.ToProblem();
        });
        demand.MapPost("/patterns/{id:int}/improvements", async (int id, ImprovementInput input, Caller caller, DemandActions actions, CancellationToken ct) =>
        {
            var recorded = await actions.RecordAsync(caller, id, input, ct);
            return recorded.IsDone ? Results.Created($"/api/v1/demand/patterns/{id}", ImprovementView.Of(recorded.Value!)) : recorded.ToProblem();
        });
    }

    private static async Task<IResult> DiscoverAsync(DiscoveryRequest? request, Caller caller, DemandPatterns patterns, CancellationToken ct)
    {
        if (request?.Patterns is < 1 or > MaxPatterns)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["patterns"] = [$"Ask for 1 to {MaxPatterns} patterns, or leave it out."] });
        }
        var summary = await patterns.DiscoverAsync(caller.Id, DiscoveryOptions.Default with { Patterns = request?.Patterns }, ct);
        return summary is null
            ? TypedResults.Problem(title: "Nothing to discover", detail: "The desk has no tickets yet to find patterns in.", statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Created("/api/v1/insights/demand", summary);
    }
}
