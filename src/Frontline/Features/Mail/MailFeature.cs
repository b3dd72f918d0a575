using Frontline.Data;
using Frontline.Features.Tickets;

namespace Frontline.Features.Mail;

public static class MailFeature
{
    public const string GatewayPolicy = "mail-gateway";

    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        MailReader.UseAllCharsets();
        var settings = new MailSettings();
        configuration.GetSection("Mail").Bind(settings);
        // Read once at start, so a routing or mailbox mistake stops the process with its name.
        Check(settings);
        services.AddSingleton(settings);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MailNotifications>();
        services.AddSingleton<ITicketCreationHook>(sp => sp.GetRequiredService<MailNotifications>());
        // The outbox rows must join the ticket change's own commit, so the notifier sits inside the unit of work.
        services.ConfigureDbContext<SqliteFrontlineDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<MailNotifications>()));
        services.ConfigureDbContext<PostgresFrontlineDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<MailNotifications>()));
        services.AddScoped<MailPeople>();
        services.AddScoped<MailIntake>();
        services.AddScoped<MailTemplates>();
        services.AddAuthorizationBuilder().AddPolicy(GatewayPolicy, p => p.RequireRole(Roles.MailGateway, Roles.Admin));
        if (settings.Smtp.IsConfigured)
        {
            services.AddSingleton<NotificationSender>();
            services.AddHostedService(sp => sp.GetRequiredService<NotificationSender>());
        }
        foreach (var mailbox in settings.Mailboxes)
        {
            services.AddSingleton<IHostedService>(sp => new MailboxPoller(mailbox, sp.GetRequiredService<IServiceScopeFactory>(), database, sp.GetRequiredService<ILogger<MailboxPoller>>()));
        }
        return services;
    }

    private static void Check(MailSettings settings)
    {
        foreach (var (mailbox, index) in settings.Mailboxes.Select((m, i) => (m, i)))
        {
            if (string.IsNullOrWhiteSpace(mailbox.Name) || string.IsNullOrWhiteSpace(mailbox.Host) || string.IsNullOrWhiteSpace(mailbox.User))
            {
                throw new InvalidOperationException($"Mail:Mailboxes:{index}: a mailbox needs a Name, a Host and a User.");
            }
            if (mailbox.Name == MailIntake.PipeMailbox || settings.Mailboxes.Count(m => m.Name == mailbox.Name) > 1)
            {
                throw new InvalidOperationException($"Mail:Mailboxes:{index}: the name '{mailbox.Name}' is taken; each mailbox needs its own (and 'pipe' is the MTA's).");
            }
            if (mailbox.PollInterval <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Mail:Mailboxes:{index}:PollInterval must be positive.");
            }
        }
        if (!string.IsNullOrWhiteSpace(settings.Smtp.Host) && !MimeKit.MailboxAddress.TryParse(settings.Smtp.From, out _))
        {
            throw new InvalidOperationException("Mail:Smtp:From must be the address notifications come from.");
        }
        if (settings.Smtp.FirstBackoff <= TimeSpan.Zero || settings.Smtp.MaxBackoff < settings.Smtp.FirstBackoff || settings.Smtp.MaxAttempts < 1)
        {
            throw new InvalidOperationException("Mail:Smtp: FirstBackoff must be positive, MaxBackoff at least FirstBackoff, MaxAttempts at least 1.");
        }
    }
}
