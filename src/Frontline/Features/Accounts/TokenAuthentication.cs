using System.Security.Claims;
using System.Text.Encodings.Web;
using Frontline.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Frontline.Features.Accounts;

/// <summary>Signs scripts in from "Authorization: Bearer fl_…", and says plainly why a token is refused.</summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FrontlineDb db,
    TokenSignIns signIns,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    private string? refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = AccessTokens.LooksLikeToken(secret) ? Convert.ToBase64String(AccessTokens.Hash(secret)) : null;
        if (hash is not null && signIns.Recall(hash, now) is { } known)
        {
            return Success(known);
        }
        var (token, why) = await AccessTokens.CheckAsync(db, secret, now, Context.RequestAborted);
        if (token is null)
        {
            refusal = why;
            return AuthenticateResult.Fail(why!);
        }
        // Only the role names: Identity's principal factory spent eight queries a request on user and role
        // claims Frontline never reads (eight of the 23 queries a ticket creation made).
        var roles = await db.UserRoles.Where(ur => ur.UserId == token.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(Context.RequestAborted);
        return Success(signIns.Remember(hash!, token.Id, token.UserId, token.User!.UserName ?? "", token.User.DisplayName, roles, now, token.ExpiresAt));
    }

    private static AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = refusal is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Results.Problem(
            title: "Sign in required",
            detail: refusal ?? "Send a personal access token as 'Authorization: Bearer fl_…', or sign in.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
            title: "Not allowed",
            detail: "Your role does not allow this.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
