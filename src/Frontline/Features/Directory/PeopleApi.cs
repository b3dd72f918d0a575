using Frontline.Data;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Directory;

public sealed record Me(Guid Id, string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<NamedRef> Groups, string TimeZone);

public sealed record UserView(Guid Id, string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles, int? Tier, string? Organisation, bool IsVip, bool IsActive, string TimeZone);

public sealed record NewUser(string? UserName, string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles, int? Tier, string? Organisation, bool IsVip = false, string? TimeZone = null);

public sealed record UserPatch(string? DisplayName = null, IReadOnlyList<string>? Roles = null, int? Tier = null, string? Organisation = null, bool? IsVip = null, bool? IsActive = null, string? TimeZone = null);

/// <summary>The password is in this answer only when the server chose it.</summary>
public sealed record CreatedUser(UserView User, string? InitialPassword);

/// <summary>People: who am I, the directory for the desk, account administration for admins.</summary>
public static class PeopleApi
{
    public static void MapPeopleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", MeAsync).WithTags("People");
        var users = api.MapGroup("/users").WithTags("People");
        users.MapGet("/", People.ListAsync).RequireAuthorization(AccountsFeature.AgentPolicy);
        users.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccountsFeature.AgentPolicy);
        users.MapPost("/", CreateAsync).RequireAuthorization(AccountsFeature.AdminPolicy);
        users.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AccountsFeature.AdminPolicy);
    }

    private static async Task<Ok<Me>> MeAsync(Caller caller, FrontlineDb db, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == caller.Id, ct);
        var groups = await db.GroupMembers.Where(m => m.UserId == caller.Id).Select(m => new NamedRef(m.GroupId, m.Group!.Name)).ToListAsync(ct);
        return TypedResults.Ok(new Me(user.Id, user.UserName!, user.DisplayName, user.Email, caller.Roles.Order(StringComparer.Ordinal).ToList(), groups, user.TimeZone));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(Guid id, FrontlineDb db, CancellationToken ct) =>
        await People.Views(db, db.Users.AsNoTracking().Where(u => u.Id == id)).SingleOrDefaultAsync(ct) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.Problem(title: "Not found", detail: "No person has that id.", statusCode: 404);

    private static async Task<IResult> CreateAsync(NewUser input, UserManager<User> users, FrontlineDb db, TimeProvider clock, CancellationToken ct)
    {
        var created = await People.CreateAsync(input, users, db, clock, ct);
        return created.IsDone ? TypedResults.Created($"/api/v1/users/{created.Value!.User.Id}", created.Value) : created.ToProblem();
    }

    private static async Task<IResult> UpdateAsync(Guid id, UserPatch patch, UserManager<User> users, FrontlineDb db, TokenSignIns signIns, CancellationToken ct)
    {
        var updated = await People.UpdateAsync(id, patch, users, db, signIns, ct);
        return updated.IsDone ? TypedResults.Ok(updated.Value) : updated.ToProblem();
    }
}
