using System.Security.Cryptography;
using System.Text;
using Frontline.Data;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Accounts;

/// <summary>Personal access tokens: "fl_" and 43 random characters, kept only as a SHA-256 hash.</summary>
public static class AccessTokens
{
    private const string Marker = "fl_";
    private const int DefaultDays = 90;
    private const int MaxDays = 366;

    /// <summary>Issues a named token for a person; the secret is in the answer and nowhere else. The API and the tokens page share this.</summary>
    public static async Task<Outcome<IssuedToken>> IssueAsync(FrontlineDb db, TimeProvider clock, Guid userId, TokenRequest request, CancellationToken cancellationToken)
    {
        var name = (request.Name ?? "").Trim();
        if (name.Length is 0 or > 100)
        {
            return Outcome<IssuedToken>.Invalid("name", "Name the token (up to 100 characters) so you can tell it apart later.");
        }
        var days = request.ExpiresInDays ?? DefaultDays;
        if (days is < 1 or > MaxDays)
        {
            return Outcome<IssuedToken>.Invalid("expiresInDays", $"A token lives 1 to {MaxDays} days.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (secret, record) = Issue(userId, name, now, now.AddDays(days));
        db.AccessTokens.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(record.Id, record.Name, secret, record.ExpiresAt);
    }

    public static Task<List<TokenView>> ListAsync(FrontlineDb db, Caller caller, CancellationToken cancellationToken) =>
        db.AccessTokens.AsNoTracking()
            .Where(t => t.UserId == caller.Id)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Your own tokens, or anyone's for an admin; a stranger's token id is not found.</summary>
    public static async Task<Outcome<bool>> RevokeAsync(FrontlineDb db, TimeProvider clock, TokenSignIns signIns, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.AccessTokens
            .Where(t => t.Id == id && (t.UserId == caller.Id || caller.IsAdmin))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, t => t.RevokedAt ?? now), cancellationToken);
        signIns.ForgetToken(id);
        return revoked == 1 ? true : Outcome<bool>.NotFound("No such token.");
    }

    public static (string Secret, AccessToken Record) Issue(Guid userId, string name, DateTime now, DateTime? expiresAt)
    {
        var secret = Marker + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new AccessToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            Prefix = secret[..10],
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (secret, record);
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool LooksLikeToken(string value) => value.StartsWith(Marker, StringComparison.Ordinal) && value.Length < 200;

    /// <summary>Why a presented token does not sign anyone in, or null when it does.</summary>
    public static async Task<(AccessToken? Token, string? Refusal)> CheckAsync(FrontlineDb db, string secret, DateTime now, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(secret))
        {
            return (null, "The bearer token is not a Frontline access token.");
        }
        var hash = Hash(secret);
        var token = await db.AccessTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.SecretHash == hash, cancellationToken);
        return token switch
        {
            null => (null, "The access token is not known."),
            { RevokedAt: not null } => (null, "The access token was revoked."),
            { ExpiresAt: { } expiry } when expiry <= now => (null, "The access token has expired."),
            { User.IsActive: false } => (null, "The account behind this access token is deactivated."),
            { User.LockoutEnd: { } until } when until > now => (null, "The account behind this access token is locked."),
            _ => await Touch(db, token, now, cancellationToken),
        };
    }

    private static async Task<(AccessToken?, string?)> Touch(FrontlineDb db, AccessToken token, DateTime now, CancellationToken cancellationToken)
    {
        // "Last used" is for people reviewing their tokens; a minute's precision spares a write per request.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }
        return (token, null);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
