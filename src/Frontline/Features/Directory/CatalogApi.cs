using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Directory;

public sealed record GroupView(int Id, string Name, string? Description, IReadOnlyList<PersonRef> Members);

public sealed record GroupInput(string? Name, string? Description);

public sealed record ServiceView(int Id, string Name, string? Description, int? DefaultGroupId, bool IsActive);

public sealed record ServiceInput(string? Name, string? Description, int? DefaultGroupId, bool IsActive = true);

public sealed record CategoryView(int Id, string Name, int? ParentId, bool IsActive);

public sealed record CategoryInput(string? Name, int? ParentId, bool IsActive = true);

public sealed record MatrixCell(Impact Impact, Urgency Urgency, Priority Priority);

/// <summary>Groups, services, categories and the priority matrix: read by everyone who needs them, changed by admins.</summary>
public static class CatalogApi
{
    public static void MapCatalogApi(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Catalog");
        groups.MapGet("/", GroupsAsync).RequireAuthorization(AccountsFeature.AgentPolicy);
        groups.MapPost("/", CreateGroupAsync).RequireAuthorization(AccountsFeature.AdminPolicy);
        groups.MapPatch("/{id:int}", UpdateGroupAsync).RequireAuthorization(AccountsFeature.AdminPolicy);
        groups.MapPut("/{id:int}/members/{userId:guid}", AddMemberAsync).RequireAuthorization(AccountsFeature.AdminPolicy);
        groups.MapDelete("/{id:int}/members/{userId:guid}", RemoveMemberAsync).RequireAuthorization(AccountsFeature.AdminPolicy);

        var services = api.MapGroup("/services").WithTags("Catalog");
        services.MapGet("/", (FrontlineDb db, CancellationToken ct) => db.Services.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new ServiceView(s.Id, s.Name, s.Description, s.DefaultGroupId, s.IsActive)).ToListAsync(ct));
        services.MapPost("/", CreateServiceAsync).RequireAuthorization(AccountsFeature.AdminPolicy);
        services.MapPatch("/{id:int}", UpdateServiceAsync).RequireAuthorization(AccountsFeature.AdminPolicy);

        var categories = api.MapGroup("/categories").WithTags("Catalog");
        categories.MapGet("/", (FrontlineDb db, CancellationToken ct) => db.Categories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CategoryView(c.Id, c.Name, c.ParentId, c.IsActive)).ToListAsync(ct));
        categories.MapPost("/", CreateCategoryAsync).RequireAuthorization(AccountsFeature.AdminPolicy);
        categories.MapPatch("/{id:int}", UpdateCategoryAsync).RequireAuthorization(AccountsFeature.AdminPolicy);

        var matrix = api.MapGroup("/priority-matrix").WithTags("Catalog");
        matrix.MapGet("/", async (TicketDesk desk, CancellationToken ct) =>
            (await desk.LoadPriorityMatrixAsync(ct)).Cells().Select(c => new MatrixCell(c.Impact, c.Urgency, c.Priority)).ToList());
        matrix.MapPut("/", ReplaceMatrixAsync).RequireAuthorization(AccountsFeature.AdminPolicy);
    }

    private static Task<List<GroupView>> GroupsAsync(FrontlineDb db, CancellationToken ct) =>
        db.Groups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new GroupView(g.Id, g.Name, g.Description, g.Members.Select(m => new PersonRef(m.UserId, m.User!.DisplayName)).ToList()))
            .ToListAsync(ct);

    private static async Task<IResult> CreateGroupAsync(GroupInput input, FrontlineDb db, CancellationToken ct)
    {
        if (await NameProblem(input.Name, db.Groups.AnyAsync(g => g.Name == (input.Name ?? "").Trim(), ct)) is { } problem)
        {
            return problem;
        }
        var group = new Group { Name = input.Name!.Trim(), Description = input.Description?.Trim() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/groups/{group.Id}", new GroupView(group.Id, group.Name, group.Description, []));
    }

    private static async Task<IResult> UpdateGroupAsync(int id, GroupInput input, FrontlineDb db, CancellationToken ct)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return NotFound("group");
        }
        if (input.Name is not null && await NameProblem(input.Name, db.Groups.AnyAsync(g => g.Id != id && g.Name == input.Name.Trim(), ct)) is { } problem)
        {
            return problem;
        }
        group.Name = input.Name?.Trim() ?? group.Name;
        group.Description = input.Description?.Trim() ?? group.Description;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new GroupView(group.Id, group.Name, group.Description, []));
    }

    private static async Task<IResult> AddMemberAsync(int id, Guid userId, FrontlineDb db, CancellationToken ct)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == id, ct) || !await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            return NotFound("group or person");
        }
        if (!await db.GroupMembers.AnyAsync(m => m.GroupId == id && m.UserId == userId, ct))
        {
            db.GroupMembers.Add(new GroupMember { GroupId = id, UserId = userId });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveMemberAsync(int id, Guid userId, FrontlineDb db, CancellationToken ct) =>
        await db.GroupMembers.Where(m => m.GroupId == id && m.UserId == userId).ExecuteDeleteAsync(ct) == 1
            ? TypedResults.NoContent()
            : NotFound("membership");

    private static async Task<IResult> CreateServiceAsync(ServiceInput input, FrontlineDb db, CancellationToken ct)
    {
        if (await NameProblem(input.Name, db.Services.AnyAsync(s => s.Name == (input.Name ?? "").Trim(), ct)) is { } problem)
        {
            return problem;
        }
        if (input.DefaultGroupId is { } g && !await db.Groups.AnyAsync(x => x.Id == g, ct))
        {
            return Invalid("defaultGroupId", "No group has that id.");
        }
        var service = new Service { Name = input.Name!.Trim(), Description = input.Description?.Trim(), DefaultGroupId = input.DefaultGroupId, IsActive = input.IsActive };
        db.Services.Add(service);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/services/{service.Id}", new ServiceView(service.Id, service.Name, service.Description, service.DefaultGroupId, service.IsActive));
    }

    private static async Task<IResult> UpdateServiceAsync(int id, ServiceInput input, FrontlineDb db, CancellationToken ct)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null)
        {
            return NotFound("service");
        }
        if (input.Name is not null && await NameProblem(input.Name, db.Services.AnyAsync(s => s.Id != id && s.Name == input.Name.Trim(), ct)) is { } problem)
        {
            return problem;
        }
        if (input.DefaultGroupId is { } g && !await db.Groups.AnyAsync(x => x.Id == g, ct))
        {
            return Invalid("defaultGroupId", "No group has that id.");
        }
        service.Name = input.Name?.Trim() ?? service.Name;
        service.Description = input.Description?.Trim() ?? service.Description;
        service.DefaultGroupId = input.DefaultGroupId ?? service.DefaultGroupId;
        service.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ServiceView(service.Id, service.Name, service.Description, service.DefaultGroupId, service.IsActive));
    }

    private static async Task<IResult> CreateCategoryAsync(CategoryInput input, FrontlineDb db, CancellationToken ct)
    {
        if (await NameProblem(input.Name, db.Categories.AnyAsync(c => c.ParentId == input.ParentId && c.Name == (input.Name ?? "").Trim(), ct)) is { } problem)
        {
            return problem;
        }
        if (input.ParentId is { } p && !await db.Categories.AnyAsync(c => c.Id == p, ct))
        {
            return Invalid("parentId", "No category has that id.");
        }
        var category = new Category { Name = input.Name!.Trim(), ParentId = input.ParentId, IsActive = input.IsActive };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/categories/{category.Id}", new CategoryView(category.Id, category.Name, category.ParentId, category.IsActive));
    }

    private static async Task<IResult> UpdateCategoryAsync(int id, CategoryInput input, FrontlineDb db, CancellationToken ct)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return NotFound("category");
        }
        if (input.ParentId == id)
        {
            return Invalid("parentId", "A category cannot be its own parent.");
        }
        category.Name = string.IsNullOrWhiteSpace(input.Name) ? category.Name : input.Name.Trim();
        category.ParentId = input.ParentId ?? category.ParentId;
        category.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CategoryView(category.Id, category.Name, category.ParentId, category.IsActive));
    }

    private static async Task<IResult> ReplaceMatrixAsync(List<MatrixCell> cells, FrontlineDb db, CancellationToken ct)
    {
        var matrix = PriorityMatrix.From(cells.Select(c => (c.Impact, c.Urgency, c.Priority)));
        if (!matrix.IsOk)
        {
            return Invalid(matrix.Field!, matrix.Error!);
        }
        await db.PriorityMatrix.ExecuteDeleteAsync(ct);
        db.PriorityMatrix.AddRange(matrix.Value.Cells().Select(c => new PriorityCell { Impact = c.Impact, Urgency = c.Urgency, Priority = c.Priority }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(matrix.Value.Cells().Select(c => new MatrixCell(c.Impact, c.Urgency, c.Priority)).ToList());
    }

    private static async Task<IResult?> NameProblem(string? name, Task<bool> taken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Invalid("name", "Give a name of up to 100 characters.");
        }
        return await taken ? Invalid("name", $"\"{name.Trim()}\" is already taken.") : null;
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found", detail: $"No such {what}.", statusCode: 404);
}
