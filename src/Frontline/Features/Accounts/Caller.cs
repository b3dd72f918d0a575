using System.Security.Claims;
using Frontline.Data;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Accounts;

/// <summary>The signed-in person a request acts for, with what decides what they may see.</summary>
public sealed record Caller(Guid Id, string Name, IReadOnlySet<string> Roles, IReadOnlyList<int> GroupIds)
{
    public bool IsManager => Roles.Contains(Data.Roles.Manager) || Roles.Contains(Data.Roles.Admin);

    public bool IsAgent => IsManager || Roles.Contains(Data.Roles.Agent);

    public bool IsAdmin => Roles.Contains(Data.Roles.Admin);

    /// <summary>
    /// The caller's display name where their sign-in vouches that the account is active (a token's, read at most
    /// <see cref="TokenSignIns.Lifetime"/> ago); null where it does not (a cookie), and the account must be read.
    /// </summary>
    public string? ActiveDisplayName { get; init; }

    public static Guid? IdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Group membership is read fresh, not from the cookie, so moving an agent takes effect at once.</summary>
    public static async Task<Caller?> FromAsync(ClaimsPrincipal principal, FrontlineDb db, CancellationToken cancellationToken)
    {
        if (principal.Identity?.IsAuthenticated != true || IdOf(principal) is not { } id)
        {
            return null;
        }
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var caller = new Caller(id, principal.Identity.Name ?? "", roles, []) { ActiveDisplayName = principal.FindFirstValue(TokenSignIns.ActiveDisplayNameClaim) };
        // Groups decide only what an agent who is no manager sees and works: a manager has every ticket and a
        // requester only their own, so for them the query is spared (it was one of a ticket creation's few).
        return caller.IsAgent && !caller.IsManager
            ? caller with { GroupIds = await db.GroupMembers.Where(m => m.UserId == id).Select(m => m.GroupId).ToListAsync(cancellationToken) }
            : caller;
    }

    /// <summary>Lets a minimal API endpoint take a <see cref="Caller"/> parameter.</summary>
    public static async ValueTask<Caller?> BindAsync(HttpContext context) =>
        await FromAsync(context.User, context.RequestServices.GetRequiredService<FrontlineDb>(), context.RequestAborted);
}
