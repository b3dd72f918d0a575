using System.Net;
using System.Net.Sockets;
using Frontline.Data;
using Frontline.Tests.Infrastructure;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Frontline.Tests.Mail;

/// <summary>
/// The Dovecot (IMAP, any user, one password) and Postfix (SMTP, delivers everything into Dovecot) that
/// tests/mail-servers.sh started on loopback; test.sh exports where they listen.
/// </summary>
public static class MailServers
{
    public const string ImapVariable = "FRONTLINE_TEST_IMAP_PORT";
    public const string SmtpVariable = "FRONTLINE_TEST_SMTP_PORT";
    public const string PasswordVariable = "FRONTLINE_TEST_MAIL_PASSWORD";

    public static int ImapPort => Port(ImapVariable);

    public static int SmtpPort => Port(SmtpVariable);

    public static string Password => Environment.GetEnvironmentVariable(PasswordVariable) ?? Missing(PasswordVariable);

    /// <summary>Puts a message in a user's inbox over IMAP, as an MTA delivering to the desk's mailbox would.</summary>
    public static async Task AppendAsync(string user, MimeMessage message)
    {
        using var imap = await ConnectAsync(user);
        await imap.Inbox.AppendAsync(new AppendRequest(message));
        await imap.DisconnectAsync(true);
    }

    /// <summary>Waits for a message in a user's inbox that matches, and reads it back over IMAP.</summary>
    public static async Task<MimeMessage> WaitForAsync(string user, string subjectContains)
    {
        MimeMessage? found = null;
        await Wait.UntilAsync(async () =>
        {
            using var imap = await ConnectAsync(user);
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
            var uids = await imap.Inbox.SearchAsync(SearchQuery.SubjectContains(subjectContains));
            found = uids.Count == 0 ? null : await imap.Inbox.GetMessageAsync(uids[^1]);
            await imap.DisconnectAsync(true);
            return found is not null;
        }, $"a mail to {user} about '{subjectContains}'");
        return found!;
    }

    private static async Task<ImapClient> ConnectAsync(string user)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, Password);
        return imap;
    }

    private static int Port(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var port) ? port : int.Parse(Missing(variable), System.Globalization.CultureInfo.InvariantCulture);

    private static string Missing(string variable) => throw new InvalidOperationException(
        $"The e-mail tests need Dovecot and Postfix: run ./test.sh (it installs and starts them), or `tests/mail-servers.sh start DIR && . DIR/env` ({variable} is not set).");
}

/// <summary>Polls for something the server does in the background (a poller, a sender), with a bound on a broken run.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Waited a minute for " + what);
            }
            await Task.Delay(250);
        }
    }
}

/// <summary>
/// The SMTP relay as Frontline sees it: a loopback port that forwards to Postfix while on, and refuses
/// connections while off, so a test can take the relay away and bring it back.
/// </summary>
public sealed class SmtpSwitch
{
    private readonly int target;
    private TcpListener? listener;

    public SmtpSwitch(int target)
    {
        this.target = target;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void TurnOn()
    {
        var started = new TcpListener(IPAddress.Loopback, Port);
        started.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        started.Start();
        listener = started;
        _ = AcceptAsync(started);
    }

    public void TurnOff()
    {
        listener?.Stop();
        listener = null;
    }

    private async Task AcceptAsync(TcpListener on)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await on.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, target);
                var down = client.GetStream();
                var up = upstream.GetStream();
                await Task.WhenAny(down.CopyToAsync(up), up.CopyToAsync(down));
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // The client or Postfix hung up; the sender retries what it did not finish.
            }
        }
    }
}

/// <summary>A Frontline with the e-mail channel on: it polls a Dovecot mailbox of its own and sends through <see cref="SmtpSwitch"/> to Postfix.</summary>
public abstract class MailServer : FrontlineServer
{
    protected MailServer()
    {
        Smtp = new SmtpSwitch(MailServers.SmtpPort);
        Smtp.TurnOn();
    }

    public SmtpSwitch Smtp { get; }

    /// <summary>The desk's IMAP user, its own per server so SQLite and PostgreSQL runs do not take each other's mail.</summary>
    public string DeskUser { get; } = "desk-" + Guid.NewGuid().ToString("N")[..10];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SignInAttemptsPerMinute"] = "100000",
        ["Mail:PublicUrl"] = "https://desk.frontline.test",
        ["Mail:MaxMessagesPerSenderPerHour"] = "100000",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Tls"] = "None",
        ["Mail:Smtp:From"] = "desk@frontline.test",
        ["Mail:Smtp:PollInterval"] = "00:00:01",
        ["Mail:Smtp:FirstBackoff"] = "00:00:01",
        ["Mail:Smtp:MaxBackoff"] = "00:00:02",
        ["Mail:Mailboxes:0:Name"] = "desk",
        ["Mail:Mailboxes:0:Host"] = "127.0.0.1",
        ["Mail:Mailboxes:0:Port"] = MailServers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Mailboxes:0:Tls"] = "None",
        ["Mail:Mailboxes:0:User"] = DeskUser,
        ["Mail:Mailboxes:0:Password"] = MailServers.Password,
        ["Mail:Mailboxes:0:Group"] = "Service Desk",
        ["Mail:Mailboxes:0:PollInterval"] = "00:00:05",
    };
}

public sealed class MailSqliteServer : MailServer
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class MailPostgresServer : MailServer
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[CollectionDefinition(Name)]
public sealed class MailSqliteCollection : ICollectionFixture<MailSqliteServer>
{
    public const string Name = "Mail on SQLite";
}

[CollectionDefinition(Name)]
public sealed class MailPostgresCollection : ICollectionFixture<MailPostgresServer>
{
    public const string Name = "Mail on PostgreSQL";
}
