using System.Security.Cryptography;
using System.Text;
using Frontline.Data;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Accounts;

/// <summary>Personal access tokens: "fl_" and 43 random characters, kept only as a SHA-256 hash.</summary>
public static class AccessTokens
{
    private const string Marker = "fl_";

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
    public static async Task<(User? User, string? Refusal)> CheckAsync(FrontlineDb db, string secret, DateTime now, CancellationToken cancellationToken)
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

    private static async Task<(User?, string?)> Touch(FrontlineDb db, AccessToken token, DateTime now, CancellationToken cancellationToken)
    {
        // "Last used" is for people reviewing their tokens; a minute's precision spares a write per request.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }
        return (token.User, null);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
