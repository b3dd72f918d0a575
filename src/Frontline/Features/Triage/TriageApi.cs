using Frontline.Data;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Triage;

public sealed record SuggestRequest(string? Title, string? Description);

/// <summary>One suggested value: its name, its id on this desk (null if it was since deleted) and the confidence.</summary>
public sealed record SuggestedValue(string Label, int? Id, double Confidence);

/// <summary>A model's suggestions with what an agent needs to judge them: when it learned and how it scored on unseen tickets.</summary>
public sealed record TargetSuggestions(DateTime ModelTrainedAt, double HoldoutAccuracy, IReadOnlyList<SuggestedValue> Suggestions);

/// <summary>Null for a target the desk has not trained yet.</summary>
public sealed record Suggestions(TargetSuggestions? Category, TargetSuggestions? Group);

/// <summary>Triage suggestions for agents: for a ticket they can see, or for text not yet filed.</summary>
public static class TriageApi
{
    private const int Top = 3;

    public static void MapTriageApi(this RouteGroupBuilder api)
    {
        api.MapPost("/triage/suggest", SuggestForTextAsync).WithTags("Triage").RequireAuthorization(AccountsFeature.AgentPolicy);
        api.MapGet("/tickets/{number}/suggestions", ForTicketAsync).WithTags("Triage").RequireAuthorization(AccountsFeature.AgentPolicy);
    }

    private static async Task<Results<Ok<Suggestions>, ValidationProblem>> SuggestForTextAsync(SuggestRequest body, TriageModels models, FrontlineDb db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Title) && string.IsNullOrWhiteSpace(body.Description))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["title"] = ["Give a title or a description to suggest from."] });
        }
        return TypedResults.Ok(await SuggestAsync(TriageModels.Text(body.Title ?? "", body.Description), models, db, ct));
    }

    private static async Task<Results<Ok<Suggestions>, ProblemHttpResult>> ForTicketAsync(string number, Caller caller, TicketDesk desk, TriageModels models, FrontlineDb db, CancellationToken ct)
    {
        var ticket = await desk.FindAsync(caller, number, ct);
        return ticket is null
            ? TypedResults.Problem(title: "Not found", detail: $"There is no ticket {number} you can see.", statusCode: 404)
            : TypedResults.Ok(await SuggestAsync(TriageModels.Text(ticket.Title, ticket.Description), models, db, ct));
    }

    private static async Task<Suggestions> SuggestAsync(string text, TriageModels models, FrontlineDb db, CancellationToken ct)
    {
        var category = await models.CurrentAsync(TriageTarget.Category, ct);
        var group = await models.CurrentAsync(TriageTarget.Group, ct);
        return new Suggestions(
            category is var (categoryInfo, categoryModel) ? await ResolveAsync(categoryInfo, categoryModel.Suggest(text, Top), CategoryIdsAsync, db, ct) : null,
            group is var (groupInfo, groupModel) ? await ResolveAsync(groupInfo, groupModel.Suggest(text, Top), GroupIdsAsync, db, ct) : null);
    }

    private static async Task<TargetSuggestions> ResolveAsync(
        TriageModel info,
        IReadOnlyList<Domain.Triage.TriageSuggestion> suggestions,
        Func<FrontlineDb, List<string>, CancellationToken, Task<Dictionary<string, int>>> ids,
        FrontlineDb db,
        CancellationToken ct)
    {
        var found = await ids(db, [.. suggestions.Select(s => s.Label)], ct);
        return new TargetSuggestions(info.TrainedAt, info.HoldoutAccuracy,
            [.. suggestions.Select(s => new SuggestedValue(s.Label, found.TryGetValue(s.Label, out var id) ? id : null, Math.Round(s.Confidence, 4)))]);
    }

    private static async Task<Dictionary<string, int>> GroupIdsAsync(FrontlineDb db, List<string> names, CancellationToken ct) =>
        await db.Groups.AsNoTracking().Where(g => names.Contains(g.Name)).ToDictionaryAsync(g => g.Name, g => g.Id, ct);

    /// <summary>Category labels are "Parent / Child" paths, as training wrote them.</summary>
    private static async Task<Dictionary<string, int>> CategoryIdsAsync(FrontlineDb db, List<string> paths, CancellationToken ct)
    {
        var names = paths.Select(p => p.Split(" / ")[^1]).ToList();
        var candidates = await db.Categories.AsNoTracking().Where(c => names.Contains(c.Name))
            .Select(c => new { c.Id, Path = c.Parent == null ? c.Name : c.Parent.Name + " / " + c.Name }).ToListAsync(ct);
        return candidates.Where(c => paths.Contains(c.Path)).DistinctBy(c => c.Path).ToDictionary(c => c.Path, c => c.Id);
    }
}
