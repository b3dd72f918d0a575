using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Directory;

/// <summary>
/// Groups, services, categories and the priority matrix: the reads and the admin changes that the REST API
/// (<see cref="CatalogApi"/>) and the admin pages share, so both refuse the same things for the same reasons.
/// </summary>
public static class Catalog
{
    public static Task<List<GroupView>> GroupsAsync(FrontlineDb db, CancellationToken ct) =>
        db.Groups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new GroupView(g.Id, g.Name, g.Description, g.Members.OrderBy(m => m.User!.DisplayName).Select(m => new PersonRef(m.UserId, m.User!.DisplayName)).ToList()))
            .ToListAsync(ct);

    public static Task<List<ServiceView>> ServicesAsync(FrontlineDb db, CancellationToken ct) =>
        db.Services.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new ServiceView(s.Id, s.Name, s.Description, s.DefaultGroupId, s.IsActive)).ToListAsync(ct);

    public static Task<List<CategoryView>> CategoriesAsync(FrontlineDb db, CancellationToken ct) =>
        db.Categories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CategoryView(c.Id, c.Name, c.ParentId, c.IsActive)).ToListAsync(ct);

    public static async Task<Outcome<GroupView>> CreateGroupAsync(FrontlineDb db, GroupInput input, CancellationToken ct)
    {
        if (await NameProblem(input.Name, () => db.Groups.AnyAsync(g => g.Name == (input.Name ?? "").Trim(), ct)) is { } problem)
        {
            return problem.As<GroupView>();
        }
        var group = new Group { Name = input.Name!.Trim(), Description = input.Description?.Trim() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct);
        return new GroupView(group.Id, group.Name, group.Description, []);
    }

    public static async Task<Outcome<GroupView>> UpdateGroupAsync(FrontlineDb db, int id, GroupInput input, CancellationToken ct)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return Outcome<GroupView>.NotFound("No such group.");
        }
        if (input.Name is not null && await NameProblem(input.Name, () => db.Groups.AnyAsync(g => g.Id != id && g.Name == input.Name.Trim(), ct)) is { } problem)
        {
            return problem.As<GroupView>();
        }
        group.Name = input.Name?.Trim() ?? group.Name;
        group.Description = input.Description?.Trim() ?? group.Description;
        await db.SaveChangesAsync(ct);
        return new GroupView(group.Id, group.Name, group.Description, []);
    }

    public static async Task<Outcome<bool>> AddMemberAsync(FrontlineDb db, int id, Guid userId, CancellationToken ct)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == id, ct) || !await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            return Outcome<bool>.NotFound("No such group or person.");
        }
        if (!await db.GroupMembers.AnyAsync(m => m.GroupId == id && m.UserId == userId, ct))
        {
            db.GroupMembers.Add(new GroupMember { GroupId = id, UserId = userId });
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    public static async Task<Outcome<bool>> RemoveMemberAsync(FrontlineDb db, int id, Guid userId, CancellationToken ct) =>
        await db.GroupMembers.Where(m => m.GroupId == id && m.UserId == userId).ExecuteDeleteAsync(ct) == 1
            ? true
            : Outcome<bool>.NotFound("No such membership.");

    public static async Task<Outcome<ServiceView>> CreateServiceAsync(FrontlineDb db, ServiceInput input, CancellationToken ct)
    {
        if (await NameProblem(input.Name, () => db.Services.AnyAsync(s => s.Name == (input.Name ?? "").Trim(), ct)) is { } problem)
        {
            return problem.As<ServiceView>();
        }
        if (input.DefaultGroupId is { } g && !await db.Groups.AnyAsync(x => x.Id == g, ct))
        {
            return Outcome<ServiceView>.Invalid("defaultGroupId", "No group has that id.");
        }
        var service = new Service { Name = input.Name!.Trim(), Description = input.Description?.Trim(), DefaultGroupId = input.DefaultGroupId, IsActive = input.IsActive };
        db.Services.Add(service);
        await db.SaveChangesAsync(ct);
        return new ServiceView(service.Id, service.Name, service.Description, service.DefaultGroupId, service.IsActive);
    }

    public static async Task<Outcome<ServiceView>> UpdateServiceAsync(FrontlineDb db, int id, ServiceInput input, CancellationToken ct)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null)
        {
            return Outcome<ServiceView>.NotFound("No such service.");
        }
        if (input.Name is not null && await NameProblem(input.Name, () => db.Services.AnyAsync(s => s.Id != id && s.Name == input.Name.Trim(), ct)) is { } problem)
        {
            return problem.As<ServiceView>();
        }
        if (input.DefaultGroupId is { } g && !await db.Groups.AnyAsync(x => x.Id == g, ct))
        {
            return Outcome<ServiceView>.Invalid("defaultGroupId", "No group has that id.");
        }
        service.Name = input.Name?.Trim() ?? service.Name;
        service.Description = input.Description?.Trim() ?? service.Description;
        service.DefaultGroupId = input.DefaultGroupId ?? service.DefaultGroupId;
        service.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return new ServiceView(service.Id, service.Name, service.Description, service.DefaultGroupId, service.IsActive);
    }

    public static async Task<Outcome<CategoryView>> CreateCategoryAsync(FrontlineDb db, CategoryInput input, CancellationToken ct)
    {
        if (await NameProblem(input.Name, () => db.Categories.AnyAsync(c => c.ParentId == input.ParentId && c.Name == (input.Name ?? "").Trim(), ct)) is { } problem)
        {
            return problem.As<CategoryView>();
        }
        if (input.ParentId is { } p && !await db.Categories.AnyAsync(c => c.Id == p, ct))
        {
            return Outcome<CategoryView>.Invalid("parentId", "No category has that id.");
        }
        var category = new Category { Name = input.Name!.Trim(), ParentId = input.ParentId, IsActive = input.IsActive };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        return new CategoryView(category.Id, category.Name, category.ParentId, category.IsActive);
    }

    public static async Task<Outcome<CategoryView>> UpdateCategoryAsync(FrontlineDb db, int id, CategoryInput input, CancellationToken ct)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return Outcome<CategoryView>.NotFound("No such category.");
        }
        if (input.ParentId == id)
        {
            return Outcome<CategoryView>.Invalid("parentId", "A category cannot be its own parent.");
        }
        var parentId = input.ParentId ?? category.ParentId;
        // Unchecked, a name over the column's 100 characters failed the save on PostgreSQL with a 500.
        if (!string.IsNullOrWhiteSpace(input.Name) && await NameProblem(input.Name, () => db.Categories.AnyAsync(c => c.Id != id && c.ParentId == parentId && c.Name == input.Name.Trim(), ct)) is { } problem)
        {
            return problem.As<CategoryView>();
        }
        category.Name = string.IsNullOrWhiteSpace(input.Name) ? category.Name : input.Name.Trim();
        category.ParentId = input.ParentId ?? category.ParentId;
        category.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return new CategoryView(category.Id, category.Name, category.ParentId, category.IsActive);
    }

    public static async Task<List<MatrixCell>> MatrixAsync(TicketDesk desk, CancellationToken ct) =>
        (await desk.LoadPriorityMatrixAsync(ct)).Cells().Select(c => new MatrixCell(c.Impact, c.Urgency, c.Priority)).ToList();

    public static async Task<Outcome<List<MatrixCell>>> ReplaceMatrixAsync(FrontlineDb db, IEnumerable<MatrixCell> cells, CancellationToken ct)
    {
        var matrix = PriorityMatrix.From(cells.Select(c => (c.Impact, c.Urgency, c.Priority)));
        if (!matrix.IsOk)
        {
            return Outcome<List<MatrixCell>>.Invalid(matrix.Field!, matrix.Error!);
        }
        await db.PriorityMatrix.ExecuteDeleteAsync(ct);
        db.PriorityMatrix.AddRange(matrix.Value.Cells().Select(c => new PriorityCell { Impact = c.Impact, Urgency = c.Urgency, Priority = c.Priority }));
        await db.SaveChangesAsync(ct);
        return matrix.Value.Cells().Select(c => new MatrixCell(c.Impact, c.Urgency, c.Priority)).ToList();
    }

    // The uniqueness query runs only for a valid name: started eagerly and abandoned when the name was refused, it
    // was still running on the request's connection when the DbContext went away (PostgreSQL hung or answered 500).
    private static async Task<Outcome<bool>?> NameProblem(string? name, Func<Task<bool>> taken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Outcome<bool>.Invalid("name", "Give a name of up to 100 characters.");
        }
        return await taken() ? Outcome<bool>.Invalid("name", $"\"{name.Trim()}\" is already taken.") : null;
    }
}
