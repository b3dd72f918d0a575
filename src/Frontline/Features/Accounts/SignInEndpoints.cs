using Frontline.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Frontline.Features.Accounts;

/// <summary>The sign-in form posts here; the page itself is a static Blazor page (Pages/SignIn.razor).</summary>
public static class SignInEndpoints
{
    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", SignInAsync).AllowAnonymous().RequireRateLimiting(AccountsFeature.SignInLimit);
        // Without form fields the antiforgery check is not implied, so it is asked for: a link must not sign people out.
        app.MapPost("/account/logout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? userName,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        UserManager<User> users,
        SignInManager<User> signIn)
    {
        var back = LocalOrHome(returnUrl);
        var user = string.IsNullOrWhiteSpace(userName) ? null : await AccountsFeature.FindByNameOrEmailAsync(users, userName.Trim());
        if (user is null || string.IsNullOrEmpty(password) || !user.IsActive)
        {
            return Results.LocalRedirect($"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
        return result switch
        {
            { Succeeded: true } => Results.LocalRedirect(back),
            { IsLockedOut: true } => Results.LocalRedirect($"/account/login?error=locked&returnUrl={Uri.EscapeDataString(back)}"),
            _ => Results.LocalRedirect($"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}"),
        };
    }

    private static async Task<IResult> SignOutAsync(SignInManager<User> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    /// <summary>Only paths on this site: "//evil.example" and "https://…" would make the form an open redirect.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
