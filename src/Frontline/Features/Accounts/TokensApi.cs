using Frontline.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Accounts;

public sealed record TokenRequest(string? Name, int? ExpiresInDays);

public sealed record SignInTokenRequest(string? UserName, string? Password, string? Name, int? ExpiresInDays);

public sealed record TokenView(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>The secret is in this answer and nowhere else, ever.</summary>
public sealed record IssuedToken(Guid Id, string Name, string Token, DateTime? ExpiresAt);

/// <summary>Personal access tokens for scripts: create with a password or a session, list, revoke.</summary>
public static class TokensApi
{
    private const int DefaultDays = 90;
    private const int MaxDays = 366;

    public static void MapTokens(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/tokens", IssueWithPasswordAsync).AllowAnonymous().RequireRateLimiting(AccountsFeature.SignInLimit).WithTags("Tokens");
        var tokens = api.MapGroup("/tokens").WithTags("Tokens").RequireRateLimiting(AccountsFeature.SignInLimit);
        tokens.MapGet("/", ListAsync);
        tokens.MapPost("/", IssueAsync);
        tokens.MapDelete("/{id:guid}", RevokeAsync);
    }

    private static async Task<Results<Created<IssuedToken>, ValidationProblem, ProblemHttpResult>> IssueWithPasswordAsync(
        SignInTokenRequest request, UserManager<User> users, SignInManager<User> signIn, FrontlineDb db, TimeProvider clock)
    {
        var user = string.IsNullOrWhiteSpace(request.UserName) ? null : await AccountsFeature.FindByNameOrEmailAsync(users, request.UserName.Trim());
        if (user is null || !user.IsActive || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(title: "Sign in failed", detail: "The user name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return TypedResults.Problem(title: "Account locked", detail: "Too many failed sign-ins; the account is locked for a while.", statusCode: StatusCodes.Status423Locked);
        }
        if (!check.Succeeded)
        {
            return TypedResults.Problem(title: "Sign in failed", detail: "The user name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        }
        return await CreateAsync(user.Id, new TokenRequest(request.Name, request.ExpiresInDays), db, clock);
    }

    private static async Task<Results<Created<IssuedToken>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        TokenRequest request, Caller caller, FrontlineDb db, TimeProvider clock) =>
        await CreateAsync(caller.Id, request, db, clock);

    private static async Task<Results<Created<IssuedToken>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid userId, TokenRequest request, FrontlineDb db, TimeProvider clock)
    {
        var name = (request.Name ?? "").Trim();
        if (name.Length is 0 or > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["Name the token (up to 100 characters) so you can tell it apart later."] });
        }
        var days = request.ExpiresInDays ?? DefaultDays;
        if (days is < 1 or > MaxDays)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["expiresInDays"] = [$"A token lives 1 to {MaxDays} days."] });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (secret, record) = AccessTokens.Issue(userId, name, now, now.AddDays(days));
        db.AccessTokens.Add(record);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/tokens/{record.Id}", new IssuedToken(record.Id, record.Name, secret, record.ExpiresAt));
    }

    private static async Task<Ok<List<TokenView>>> ListAsync(Caller caller, FrontlineDb db) =>
        TypedResults.Ok(await db.AccessTokens.AsNoTracking()
            .Where(t => t.UserId == caller.Id)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt))
            .ToListAsync());

    /// <summary>Your own tokens, or anyone's for an admin; a stranger's token id answers 404.</summary>
    private static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, Caller caller, FrontlineDb db, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.AccessTokens
            .Where(t => t.Id == id && (t.UserId == caller.Id || caller.IsAdmin))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, t => t.RevokedAt ?? now));
        return revoked == 1 ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
