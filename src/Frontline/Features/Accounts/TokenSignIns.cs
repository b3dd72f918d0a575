using System.Collections.Concurrent;
using System.Security.Claims;

namespace Frontline.Features.Accounts;

/// <summary>
/// Remembers for a few seconds whom a personal access token signs in, so a script's burst of requests costs
/// one token lookup instead of one per request (a quarter of a ticket creation's CPU went there).
/// Revoking a token, deactivating a person or changing their roles forgets them at once on this node;
/// another node (PostgreSQL, several nodes) or the <c>frontline admin</c> command catches up within <see cref="Lifetime"/>.
/// </summary>
public sealed class TokenSignIns
{
    /// <summary>The longest a revoked token, a deactivated account or a removed role still works on a node that did not make the change.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    // Bounds memory against a flood of distinct valid tokens; forgetting everything only costs lookups.
    private const int MostRemembered = 10_000;

    private readonly ConcurrentDictionary<string, SignedIn> remembered = new(StringComparer.Ordinal);

    /// <summary>
    /// The account's display name, on the principal of a token sign-in: the account was active when it was read, at
    /// most <see cref="Lifetime"/> ago, as for every other check a remembered sign-in answers.
    /// </summary>
    public const string ActiveDisplayNameClaim = "frontline:active-display-name";

    private sealed record SignedIn(Guid TokenId, Guid UserId, string UserName, string DisplayName, IReadOnlyList<string> Roles, DateTime Until);

    /// <summary>The principal a token signed in within the last few seconds, or null to look it up.</summary>
    public ClaimsPrincipal? Recall(string tokenHash, DateTime now)
    {
        if (!remembered.TryGetValue(tokenHash, out var known))
        {
            return null;
        }
        if (known.Until <= now)
        {
            remembered.TryRemove(new KeyValuePair<string, SignedIn>(tokenHash, known));
            return null;
        }
        return Principal(known.UserId, known.UserName, known.DisplayName, known.Roles);
    }

    /// <summary>Remembers a successful sign-in, never past the token's own expiry.</summary>
    public ClaimsPrincipal Remember(string tokenHash, Guid tokenId, Guid userId, string userName, string displayName, IReadOnlyList<string> roles, DateTime now, DateTime? expiresAt)
    {
        if (remembered.Count >= MostRemembered)
        {
            remembered.Clear();
        }
        var until = now + Lifetime;
        remembered[tokenHash] = new SignedIn(tokenId, userId, userName, displayName, roles, expiresAt is { } expiry && expiry < until ? expiry : until);
        return Principal(userId, userName, displayName, roles);
    }

    public void ForgetToken(Guid tokenId) => Forget(s => s.TokenId == tokenId);

    public void ForgetPerson(Guid userId) => Forget(s => s.UserId == userId);

    private void Forget(Func<SignedIn, bool> which)
    {
        foreach (var entry in remembered)
        {
            if (which(entry.Value))
            {
                remembered.TryRemove(entry);
            }
        }
    }

    // Only what authorization and Caller read: id, names and roles.
    private static ClaimsPrincipal Principal(Guid userId, string userName, string displayName, IReadOnlyList<string> roles) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Name, userName), new Claim(ActiveDisplayNameClaim, displayName),
                .. roles.Select(r => new Claim(ClaimTypes.Role, r)),
            ],
            TokenAuthentication.SchemeName));
}
