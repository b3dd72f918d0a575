using System.Security.Cryptography;
using Frontline.Data;
using Frontline.Domain.People;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Directory;

/// <summary>
/// The directory of people and account administration, shared by the REST API (<see cref="PeopleApi"/>)
/// and the admin pages.
/// </summary>
public static class People
{
    public static async Task<List<UserView>> ListAsync(FrontlineDb db, string? q, string? role, int? limit, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            // The person's % and _ match themselves; dropping them made a search for "%" or "_" list everyone.
            var pattern = LikePattern.Containing(q.Trim().ToUpperInvariant());
            // Translated to SQL UPPER(); culture rules do not apply inside the database.
#pragma warning disable CA1304, CA1311
            users = users.Where(u => EF.Functions.Like(u.NormalizedUserName!, pattern, LikePattern.Escape) || EF.Functions.Like(u.NormalizedEmail!, pattern, LikePattern.Escape)
                || EF.Functions.Like(u.DisplayName.ToUpper(), pattern, LikePattern.Escape));
#pragma warning restore CA1304, CA1311
        }
        if (!string.IsNullOrWhiteSpace(role))
        {
            var normalized = role.Trim().ToUpperInvariant();
            users = users.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.NormalizedName == normalized)));
        }
        return await Views(db, users.OrderBy(u => u.DisplayName).Take(Math.Clamp(limit ?? 100, 1, 500))).ToListAsync(ct);
    }

    public static IQueryable<UserView> Views(FrontlineDb db, IQueryable<User> users) =>
        users.Select(u => new UserView(u.Id, u.UserName!, u.DisplayName, u.Email,
            db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, x => x.Id, (r, x) => x.Name!).ToList(),
            u.Tier, u.Organisation, u.IsVip, u.IsActive, u.TimeZone));

    public static async Task<Outcome<CreatedUser>> CreateAsync(NewUser input, UserManager<User> users, FrontlineDb db, TimeProvider clock, CancellationToken ct)
    {
        var roles = input.Roles is { Count: > 0 } given ? given.Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList() : [Roles.Requester];
        if (Problem(roles, input.Tier, input.TimeZone) is { } invalid)
        {
            return invalid.As<CreatedUser>();
        }
        var displayName = PersonFields.DisplayName(input.DisplayName);
        var organisation = PersonFields.Organisation(input.Organisation);
        if (!displayName.IsOk || !organisation.IsOk)
        {
            return displayName.IsOk ? Outcome<CreatedUser>.From(organisation) : Outcome<CreatedUser>.From(displayName);
        }
        var generated = string.IsNullOrEmpty(input.Password);
        var password = generated ? RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) : input.Password!;
        var user = new User
        {
            UserName = input.UserName?.Trim(),
            Email = input.Email?.Trim(),
            DisplayName = displayName.Value,
            Tier = input.Tier,
            Organisation = organisation.Value,
            IsVip = input.IsVip,
            TimeZone = input.TimeZone ?? "UTC",
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Outcome<CreatedUser>.Invalid(FieldOf(created.Errors.First().Code), string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        AccountsFeature.Ensure(await users.AddToRolesAsync(user, roles), "give the new account its roles");
        var view = await Views(db, db.Users.AsNoTracking().Where(u => u.Id == user.Id)).SingleAsync(ct);
        return new CreatedUser(view, generated ? password : null);
    }

    public static async Task<Outcome<UserView>> UpdateAsync(Guid id, UserPatch patch, UserManager<User> users, FrontlineDb db, TokenSignIns signIns, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Outcome<UserView>.NotFound("No person has that id.");
        }
        var roles = patch.Roles?.Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList();
        if (Problem(roles, patch.Tier, patch.TimeZone) is { } invalid)
        {
            return invalid.As<UserView>();
        }
        if (patch.DisplayName is not null)
        {
            var displayName = PersonFields.DisplayName(patch.DisplayName);
            if (!displayName.IsOk)
            {
                return Outcome<UserView>.From(displayName);
            }
            user.DisplayName = displayName.Value;
        }
        if (patch.Organisation is not null)
        {
            var organisation = PersonFields.Organisation(patch.Organisation);
            if (!organisation.IsOk)
            {
                return Outcome<UserView>.From(organisation);
            }
            user.Organisation = organisation.Value;
        }
        user.Tier = patch.Tier ?? user.Tier;
        user.IsVip = patch.IsVip ?? user.IsVip;
        user.TimeZone = patch.TimeZone ?? user.TimeZone;
        if (patch.IsActive is { } active && active != user.IsActive)
        {
            user.IsActive = active;
            // Deactivating signs the person out everywhere within the stamp validation interval.
            await users.UpdateSecurityStampAsync(user);
        }
        AccountsFeature.Ensure(await users.UpdateAsync(user), "save the account");
        if (roles is not null)
        {
            var current = await users.GetRolesAsync(user);
            AccountsFeature.Ensure(await users.RemoveFromRolesAsync(user, current.Except(roles)), "remove roles");
            AccountsFeature.Ensure(await users.AddToRolesAsync(user, roles.Except(current)), "add roles");
            await users.UpdateSecurityStampAsync(user);
        }
        // Scripts' tokens follow the account at once too, not after the remembered sign-in lapses.
        signIns.ForgetPerson(user.Id);
        return await Views(db, db.Users.AsNoTracking().Where(u => u.Id == id)).SingleAsync(ct);
    }

    private static Outcome<bool>? Problem(IReadOnlyList<string>? roles, int? tier, string? timeZone)
    {
        if (roles?.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
        {
            return Outcome<bool>.Invalid("roles", $"\"{unknown}\" is not a role: use {string.Join(", ", Roles.All)}.");
        }
        if (tier is { } t && !TicketFields.Tier(t).IsOk)
        {
            return Outcome<bool>.Invalid("tier", "Tier is 1, 2 or 3.");
        }
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            return Outcome<bool>.Invalid("timeZone", $"\"{timeZone}\" is not an IANA time zone such as Europe/Paris.");
        }
        return null;
    }

    private static string FieldOf(string identityErrorCode) => identityErrorCode switch
    {
        _ when identityErrorCode.Contains("Password", StringComparison.Ordinal) => "password",
        _ when identityErrorCode.Contains("Email", StringComparison.Ordinal) => "email",
        _ when identityErrorCode.Contains("UserName", StringComparison.Ordinal) => "userName",
        _ => "user",
    };
}
