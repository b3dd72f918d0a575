using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Frontline.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Accounts;

public static class AccountsFeature
{
    public const string SignInLimit = "sign-in";
    public const string AgentPolicy = "agent";
    public const string ManagerPolicy = "manager";
    public const string AdminPolicy = "admin";
    private const string EitherScheme = "CookieOrToken";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TokenSignIns>();
        services.AddIdentityCore<User>(o =>
            {
                // NIST 800-63B: length over composition rules; lock out guessing, not typing.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<FrontlineDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // A changed role or a deactivated account reaches signed-in sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = EitherScheme;
                o.DefaultChallengeScheme = EitherScheme;
            })
            .AddPolicyScheme(EitherScheme, "Cookie or access token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "frontline";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized, "Sign in, or send a personal access token as 'Authorization: Bearer fl_…'.");
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden, "Your role does not allow this.");
            }));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AgentPolicy, p => p.RequireRole(Roles.Agent, Roles.Manager, Roles.Admin))
            .AddPolicy(ManagerPolicy, p => p.RequireRole(Roles.Manager, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));

        var attemptsPerMinute = configuration.GetValue("SignInAttemptsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(
                    title: "Too many attempts",
                    detail: "Too many sign-in attempts from this address; wait a minute and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapSignIn();
        app.MapGroup("/api/v1").MapTokens();
        return app;
    }

    /// <summary>Creates the four roles, and on an empty installation the first admin, whose password is printed once.</summary>
    public static async Task EnsureFirstAdminAsync(IServiceProvider services, TextWriter output)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<Role>>();
        foreach (var name in Roles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                Ensure(await roles.CreateAsync(new Role { Name = name }), "create role " + name);
            }
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }
        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var admin = new User { UserName = "admin", Email = "admin@localhost", DisplayName = "Administrator", EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        Ensure(await users.CreateAsync(admin, password), "create the first admin");
        Ensure(await users.AddToRolesAsync(admin, [Roles.Admin, Roles.Manager, Roles.Agent]), "give the first admin its roles");
        await output.WriteLineAsync($"""

            Frontline created the first administrator. This password is shown once; change it after signing in.
              user:     admin
              password: {password}

            """);
    }

    public static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    public static async Task<User?> FindByNameOrEmailAsync(UserManager<User> users, string nameOrEmail) =>
        await users.FindByNameAsync(nameOrEmail) ?? (nameOrEmail.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(nameOrEmail) : null);

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status, string detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return Results.Problem(title: status == 401 ? "Sign in required" : "Not allowed", detail: detail, statusCode: status).ExecuteAsync(context.HttpContext);
    }

    internal static IQueryable<User> ActiveUsers(this FrontlineDb db) => db.Users.Where(u => u.IsActive);
}
