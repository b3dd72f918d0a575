using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;

namespace Frontline.Features.Directory;

public sealed record GroupView(int Id, string Name, string? Description, IReadOnlyList<PersonRef> Members);

public sealed record GroupInput(string? Name, string? Description);

public sealed record ServiceView(int Id, string Name, string? Description, int? DefaultGroupId, bool IsActive);

public sealed record ServiceInput(string? Name, string? Description, int? DefaultGroupId, bool IsActive = true);

public sealed record CategoryView(int Id, string Name, int? ParentId, bool IsActive);

public sealed record CategoryInput(string? Name, int? ParentId, bool IsActive = true);

public sealed record MatrixCell(Impact Impact, Urgency Urgency, Priority Priority);

/// <summary>Groups, services, categories and the priority matrix over HTTP: read by everyone who needs them, changed by admins.</summary>
public static class CatalogApi
{
    public static void MapCatalogApi(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Catalog");
        groups.MapGet("/", Catalog.GroupsAsync).RequireAuthorization(AccountsFeature.AgentPolicy);
        groups.MapPost("/", async (GroupInput input, FrontlineDb db, CancellationToken ct) =>
            Created(await Catalog.CreateGroupAsync(db, input, ct), g => $"/api/v1/groups/{g.Id}")).RequireAuthorization(AccountsFeature.AdminPolicy);
        groups.MapPatch("/{id:int}", async (int id, GroupInput input, FrontlineDb db, CancellationToken ct) =>
            Ok(await Catalog.UpdateGroupAsync(db, id, input, ct))).RequireAuthorization(AccountsFeature.AdminPolicy);
        groups.MapPut("/{id:int}/members/{userId:guid}", async (int id, Guid userId, FrontlineDb db, CancellationToken ct) =>
            NoContent(await Catalog.AddMemberAsync(db, id, userId, ct))).RequireAuthorization(AccountsFeature.AdminPolicy);
        groups.MapDelete("/{id:int}/members/{userId:guid}", async (int id, Guid userId, FrontlineDb db, CancellationToken ct) =>
            NoContent(await Catalog.RemoveMemberAsync(db, id, userId, ct))).RequireAuthorization(AccountsFeature.AdminPolicy);

        var services = api.MapGroup("/services").WithTags("Catalog");
        services.MapGet("/", Catalog.ServicesAsync);
        services.MapPost("/", async (ServiceInput input, FrontlineDb db, CancellationToken ct) =>
            Created(await Catalog.CreateServiceAsync(db, input, ct), s => $"/api/v1/services/{s.Id}")).RequireAuthorization(AccountsFeature.AdminPolicy);
        services.MapPatch("/{id:int}", async (int id, ServiceInput input, FrontlineDb db, CancellationToken ct) =>
            Ok(await Catalog.UpdateServiceAsync(db, id, input, ct))).RequireAuthorization(AccountsFeature.AdminPolicy);

        var categories = api.MapGroup("/categories").WithTags("Catalog");
        categories.MapGet("/", Catalog.CategoriesAsync);
        categories.MapPost("/", async (CategoryInput input, FrontlineDb db, CancellationToken ct) =>
            Created(await Catalog.CreateCategoryAsync(db, input, ct), c => $"/api/v1/categories/{c.Id}")).RequireAuthorization(AccountsFeature.AdminPolicy);
        categories.MapPatch("/{id:int}", async (int id, CategoryInput input, FrontlineDb db, CancellationToken ct) =>
            Ok(await Catalog.UpdateCategoryAsync(db, id, input, ct))).RequireAuthorization(AccountsFeature.AdminPolicy);

        var matrix = api.MapGroup("/priority-matrix").WithTags("Catalog");
        matrix.MapGet("/", Catalog.MatrixAsync);
        matrix.MapPut("/", async (List<MatrixCell> cells, FrontlineDb db, CancellationToken ct) =>
            Ok(await Catalog.ReplaceMatrixAsync(db, cells, ct))).RequireAuthorization(AccountsFeature.AdminPolicy);
    }

    private static IResult Created<T>(Outcome<T> outcome, Func<T, string> location) =>
        outcome.IsDone ? TypedResults.Created(location(outcome.Value!), outcome.Value) : outcome.ToProblem();

    private static IResult Ok<T>(Outcome<T> outcome) =>
        outcome.IsDone ? TypedResults.Ok(outcome.Value) : outcome.ToProblem();

    private static IResult NoContent<T>(Outcome<T> outcome) =>
        outcome.IsDone ? TypedResults.NoContent() : outcome.ToProblem();
}
