using Frontline.Data;
using Frontline.Domain.Mail;
using Frontline.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Mail;

/// <summary>The person a mail is from, as the desk acts for them.</summary>
public sealed record MailSender(string Address, Caller Caller)
{
    /// <summary>
    /// The sender raising a ticket through a mailbox. Routing it to the mailbox's group is the desk's decision,
    /// made on the sender's behalf, which a requester could not ask for in the portal; the history still names the sender.
    /// </summary>
    public Caller AsIntake() => Caller with { Roles = new HashSet<string>(Caller.Roles) { Roles.Agent } };
}

/// <summary>Finds (or, as the sender policy allows, creates) the people mail comes from, and the channel's own account.</summary>
public sealed class MailPeople(FrontlineDb db, UserManager<User> users, TimeProvider clock, MailSettings settings)
{
    /// <summary>The account that writes what no person wrote: notes about bounces.</summary>
    public const string ChannelUserName = "mail-channel";

    public async Task<MailSender?> SenderAsync(string address, string? name, CancellationToken cancellationToken)
    {
        var normal = users.NormalizeEmail(address);
        var user = await db.Users.Where(u => u.NormalizedEmail == normal).OrderByDescending(u => u.IsActive).FirstOrDefaultAsync(cancellationToken);
        var decision = user is { IsActive: false } ? SenderDecision.Rejected : SenderPolicy.Decide(settings.Senders, settings.AllowedDomains, address, user is not null);
        switch (decision)
        {
            case SenderDecision.Rejected:
                return null;
            case SenderDecision.NewRequester:
                user = await CreateRequesterAsync(address, name);
                break;
        }
        return new MailSender(address, await CallerOfAsync(user!, cancellationToken));
    }

    public async Task<Caller> ChannelCallerAsync(CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(ChannelUserName);
        if (user is null)
        {
            // Inactive and without a password: it can never sign in, and it is not offered as an owner.
            user = new User { UserName = ChannelUserName, Email = ChannelUserName + "@frontline.invalid", DisplayName = "E-mail channel", IsActive = false, CreatedAt = clock.GetUtcNow().UtcDateTime };
            AccountsFeature.Ensure(await users.CreateAsync(user), "create the e-mail channel's account");
        }
        return new Caller(user.Id, user.DisplayName, new HashSet<string> { Roles.Manager }, []);
    }

    public async Task<(int? GroupId, int? ServiceId)> RouteAsync(RouteSettings route, CancellationToken cancellationToken)
    {
        int? group = string.IsNullOrWhiteSpace(route.Group) ? null
            : await db.Groups.Where(g => g.Name == route.Group).Select(g => (int?)g.Id).SingleOrDefaultAsync(cancellationToken)
              ?? throw new InvalidOperationException($"Mail is routed to the group '{route.Group}', which does not exist.");
        int? service = string.IsNullOrWhiteSpace(route.Service) ? null
            : await db.Services.Where(s => s.Name == route.Service).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken)
              ?? throw new InvalidOperationException($"Mail is routed to the service '{route.Service}', which does not exist.");
        return (group, service);
    }

    private async Task<User> CreateRequesterAsync(string address, string? name)
    {
        var allowed = users.Options.User.AllowedUserNameCharacters;
        var baseName = new string(address.Where(allowed.Contains).ToArray());
        var userName = baseName;
        for (var n = 2; await users.FindByNameAsync(userName) is not null; n++)
        {
            userName = baseName + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var user = new User
        {
            UserName = userName,
            Email = address,
            DisplayName = HeaderText.Clean(name ?? address.Split('@')[0]) is { Length: > 0 } display ? display[..Math.Min(display.Length, 100)] : address,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        AccountsFeature.Ensure(await users.CreateAsync(user), "create a requester for " + address);
        AccountsFeature.Ensure(await users.AddToRoleAsync(user, Roles.Requester), "make " + address + " a requester");
        return user;
    }

    private async Task<Caller> CallerOfAsync(User user, CancellationToken cancellationToken)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);
        var groups = await db.GroupMembers.Where(m => m.UserId == user.Id).Select(m => m.GroupId).ToListAsync(cancellationToken);
        return new Caller(user.Id, user.UserName ?? user.Email!, roles.ToHashSet(StringComparer.Ordinal), groups);
    }
}
