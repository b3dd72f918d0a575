using Frontline.Data;
using Frontline.Features.Tickets;
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
        return Created(await AccessTokens.IssueAsync(db, clock, user.Id, new TokenRequest(request.Name, request.ExpiresInDays), CancellationToken.None));
    }

    private static async Task<Results<Created<IssuedToken>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        TokenRequest request, Caller caller, FrontlineDb db, TimeProvider clock) =>
        Created(await AccessTokens.IssueAsync(db, clock, caller.Id, request, CancellationToken.None));

    private static Results<Created<IssuedToken>, ValidationProblem, ProblemHttpResult> Created(Outcome<IssuedToken> issued) =>
        issued.IsDone
            ? TypedResults.Created($"/api/v1/tokens/{issued.Value!.Id}", issued.Value)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [issued.Field!] = [issued.Reason!] });

    private static async Task<Ok<List<TokenView>>> ListAsync(Caller caller, FrontlineDb db) =>
        TypedResults.Ok(await AccessTokens.ListAsync(db, caller, CancellationToken.None));

    /// <summary>Your own tokens, or anyone's for an admin; a stranger's token id answers 404.</summary>
    private static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, Caller caller, FrontlineDb db, TimeProvider clock, TokenSignIns signIns) =>
        (await AccessTokens.RevokeAsync(db, clock, signIns, caller, id, CancellationToken.None)).IsDone ? TypedResults.NoContent() : TypedResults.NotFound();
}
