using System.Security.Cryptography;
using Frontline.Data;
using Frontline.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Frontline.Cli;

/// <summary>Account administration from the shell, for when nobody can sign in.</summary>
public static class AdminCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            throw new UsageException("admin needs a command: create-user or reset-password.");
        }
        var values = CommandLine.Options(args[1..], flags: [], valued: ["--user", "--email", "--name", "--role", "--data", "--database", "--sqlite-sync"]);
        var serveArgs = values.Where(v => v.Key is "--data" or "--database" or "--sqlite-sync").SelectMany(v => new[] { v.Key, v.Value }).ToArray();
        var app = Program.BuildApp(CommandLine.ParseServe(serveArgs));
        await DataFeature.MigrateAsync(app.Services, CancellationToken.None);
        await AccountsFeature.EnsureFirstAdminAsync(app.Services, output);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var userName = values.GetValueOrDefault("--user") ?? throw new UsageException("--user is required.");
        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        switch (args[0])
        {
            case "create-user":
                var roles = (values.GetValueOrDefault("--role") ?? Roles.Requester).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
                {
                    throw new UsageException($"'{unknown}' is not a role: use {string.Join(", ", Roles.All)}.");
                }
                var user = new User
                {
                    UserName = userName,
                    Email = values.GetValueOrDefault("--email") ?? throw new UsageException("--email is required."),
                    DisplayName = values.GetValueOrDefault("--name") ?? userName,
                    EmailConfirmed = true,
                    CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime,
                };
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    await error.WriteLineAsync("frontline: " + string.Join(" ", created.Errors.Select(e => e.Description)));
                    return 1;
                }
                AccountsFeature.Ensure(await users.AddToRolesAsync(user, roles), "add roles");
                break;
            case "reset-password":
                var existing = await users.FindByNameAsync(userName);
                if (existing is null)
                {
                    await error.WriteLineAsync($"frontline: no user '{userName}'.");
                    return 1;
                }
                AccountsFeature.Ensure(await users.RemovePasswordAsync(existing), "remove the old password");
                AccountsFeature.Ensure(await users.AddPasswordAsync(existing, password), "set the new password");
                await users.SetLockoutEndDateAsync(existing, null);
                break;
            default:
                throw new UsageException($"unknown admin command '{args[0]}'.");
        }
        await output.WriteLineAsync($"user: {userName}\npassword: {password}");
        return 0;
    }
}
