using Frontline.Domain.Mail;
using MailKit.Security;

namespace Frontline.Features.Mail;

/// <summary>
/// The e-mail channel as configured (section "Mail"): mailboxes to poll, the SMTP relay for notifications,
/// who may write in, and how fast. Without an SMTP host nothing is queued; without mailboxes nothing is polled
/// (the MTA pipe works either way).
/// </summary>
public sealed class MailSettings
{
    /// <summary>The name notifications are signed with and shown as the sender.</summary>
    public string DeskName { get; set; } = "Frontline Service Desk";

    /// <summary>Where links in notifications point, e.g. "https://desk.example.com".</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The language of notifications when the requester's mail named none ("en", "de").</summary>
    public string DefaultLanguage { get; set; } = "en";

    public List<MailboxSettings> Mailboxes { get; set; } = [];

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Addresses the desk sends from; mail from them coming back is a loop (the SMTP from address is always one).</summary>
    public List<string> OwnAddresses { get; set; } = [];

    public SenderMode Senders { get; set; } = SenderMode.Allow;

    /// <summary>For <see cref="SenderMode.AllowDomains"/>: "example.com" also admits its subdomains.</summary>
    public List<string> AllowedDomains { get; set; } = [];

    /// <summary>Messages one sender may send per hour before the rest are held as a loop (0: no limit).</summary>
    public int MaxMessagesPerSenderPerHour { get; set; } = 30;

    /// <summary>The largest message the pipe endpoint accepts; a bigger one is refused so the MTA bounces it to its sender.</summary>
    public long MaxMessageBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Which group and service mail through the pipe goes to (as a mailbox's do).</summary>
    public RouteSettings Pipe { get; set; } = new();

    public IEnumerable<string> AllOwnAddresses() =>
        OwnAddresses.Concat(string.IsNullOrWhiteSpace(Smtp.From) ? [] : [Smtp.From]).Concat(Mailboxes.Select(m => m.Address).OfType<string>())
            .Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0);
}

public class RouteSettings
{
    /// <summary>Group name new tickets go to; empty: the service's default group, or untriaged.</summary>
    public string? Group { get; set; }

    /// <summary>Service name new tickets are for.</summary>
    public string? Service { get; set; }

    /// <summary>Notification language for tickets that came this way, when the mail named none.</summary>
    public string? Language { get; set; }
}

public sealed class MailboxSettings : RouteSettings
{
    public string Name { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    /// <summary>None, Auto, SslOnConnect or StartTls (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Tls { get; set; } = SecureSocketOptions.Auto;

    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    public string Folder { get; set; } = "INBOX";

    /// <summary>The mailbox's own address, so the desk's mail to it is recognised as a loop.</summary>
    public string? Address { get; set; }

    /// <summary>How often to look when the server does not offer IDLE, and how long one IDLE lasts at most.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SecureSocketOptions Tls { get; set; } = SecureSocketOptions.Auto;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "";

    /// <summary>The right-hand side of the Message-IDs the desk makes; defaults to the From address's domain.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>How often the sender looks for queued mail when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry waits this long; each further one twice as long, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts a mail is marked failed (and stays listed for the admin).</summary>
    public int MaxAttempts { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public string IdDomain => MessageIdDomain ?? (From.Contains('@', StringComparison.Ordinal) ? From[(From.LastIndexOf('@') + 1)..] : "frontline.local");
}
