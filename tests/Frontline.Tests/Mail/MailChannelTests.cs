using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Frontline.Data;
using Frontline.Features.Mail;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Frontline.Tests.Mail;

/// <summary>The e-mail channel end to end: Dovecot mailboxes, Postfix delivery, the MTA pipe, on both databases.</summary>
public abstract class MailChannelTests(MailServer server)
{
    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static MimeMessage Mail(string from, string subject, string text, string? inReplyTo = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("desk@frontline.test"));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.example.com");
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        return raw.ToArray();
    }

    private static byte[] Corpus(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Mail", "MailCorpus", file));

    private async Task<InboundAnswer> DeliverAsync(byte[] raw)
    {
        using var admin = await server.ClientForAsync("admin");
        using var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return await (await admin.PostAsync("/api/v1/mail/inbound", content)).ReadAsync<InboundAnswer>();
    }

    private static async Task<List<EntryView>> EntriesAsync(HttpClient client, string number) =>
        await (await client.GetAsync($"/api/v1/tickets/{number}/entries")).ReadAsync<List<EntryView>>();

    [Fact]
    public async Task A_mail_to_the_desk_mailbox_becomes_a_ticket_and_the_answer_to_its_notification_threads_back()
    {
        var token = Token();
        using var maria = await server.ClientForAsync("maria");

        await MailServers.AppendAsync(server.DeskUser, Mail("Olivia Brown <olivia@demo.frontline.local>", $"Laptop will not boot {token}", "It shows a black screen."));

        string? number = null;
        await Wait.UntilAsync(async () => (number = await server.WithDbAsync(db => db.Tickets.Where(t => t.Title.Contains(token)).Select(t => t.Number).SingleOrDefaultAsync())) is not null, "the mailbox poller");
        var ticket = await maria.GetTicketAsync(number!);
        Assert.Equal((Channel.Email, "It shows a black screen.", "Service Desk"), (ticket.Channel, ticket.Description, ticket.Group?.Name));
        Assert.Equal((await server.FindUserAsync("olivia")).Id, ticket.Requester.Id);

        var told = await MailServers.WaitForAsync("olivia", token);
        Assert.Equal($"[{number}] Laptop will not boot {token}", told.Subject);
        Assert.Equal("auto-generated", told.Headers["Auto-Submitted"]);
        Assert.Contains($"https://desk.frontline.test/portal/tickets/{number}", told.TextBody, StringComparison.Ordinal);

        var answer = Mail("olivia@demo.frontline.local", "Re: " + told.Subject, $"It beeps three times.\n\nOn Mon, 23 Nov 2026 at 10:00, Desk <desk@frontline.test> wrote:\n> {told.TextBody!.Split('\n')[0]}", told.MessageId);
        answer.Subject = "Re: Laptop";
        await MailServers.AppendAsync(server.DeskUser, answer);

        await Wait.UntilAsync(async () => (await EntriesAsync(maria, number!)).Any(e => e.Body == "It beeps three times."), "the reply on the ticket");
        var reply = (await EntriesAsync(maria, number!)).Single(e => e.Body == "It beeps three times.");
        Assert.Equal((EntryVisibility.Public, ticket.Requester.Id), (reply.Visibility, reply.Author.Id));
    }

    [Fact]
    public async Task Mail_queued_while_the_smtp_relay_is_down_is_delivered_when_it_comes_back()
    {
        var token = Token();
        using var olivia = await server.ClientForAsync("olivia");
        server.Smtp.TurnOff();
        try
        {
            var ticket = await olivia.CreateTicketAsync($"Docking station {token}");

            await Wait.UntilAsync(() => server.WithDbAsync(db => db.OutboundMail.AnyAsync(m => m.Ticket!.Number == ticket.Number && m.Attempts >= 2 && m.SentAt == null)), "two failed attempts");
        }
        finally
        {
            server.Smtp.TurnOn();
        }

        var delivered = await MailServers.WaitForAsync("olivia", token);
        Assert.StartsWith("[INC", delivered.Subject, StringComparison.Ordinal);
        Assert.Contains("ticket.INC", delivered.References.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_sender_becomes_the_requester_of_a_new_ticket_in_their_own_charset()
    {
        var answer = await DeliverAsync(Corpus("shift-jis.eml"));

        Assert.Equal(InboundOutcome.TicketCreated, answer.Outcome);
        using var maria = await server.ClientForAsync("maria");
        var ticket = await maria.GetTicketAsync(answer.Ticket!);
        Assert.Equal(("プリンターが動きません", "お疲れ様です。三階のプリンターが動きません。", "田中 太郎"), (ticket.Title, ticket.Description, ticket.Requester.Name));
    }

    [Fact]
    public async Task An_out_of_office_reply_opens_no_ticket_and_is_kept_with_the_reason()
    {
        var before = await server.WithDbAsync(db => db.Tickets.CountAsync());

        var answer = await DeliverAsync(Corpus("out-of-office-auto-submitted.eml"));

        Assert.Equal((InboundOutcome.IgnoredLoop, null, "Auto-Submitted: auto-replied"), (answer.Outcome, answer.Ticket, answer.Reason));
        Assert.Equal(before, await server.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task A_bounce_of_a_notification_is_attached_to_its_ticket_not_turned_into_one()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        var ticket = await olivia.CreateTicketAsync("Bounce check " + Token());
        var notification = await server.WithDbAsync(db => db.OutboundMail.Where(m => m.Ticket!.Number == ticket.Number).Select(m => m.MessageId).FirstAsync());
        var before = await server.WithDbAsync(db => db.Tickets.CountAsync());

        var answer = await DeliverAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Corpus("dsn-bounce.eml")).Replace("n1@frontline.test", notification, StringComparison.Ordinal)));

        Assert.Equal((InboundOutcome.BounceAttached, ticket.Number), (answer.Outcome, answer.Ticket));
        Assert.Equal(before, await server.WithDbAsync(db => db.Tickets.CountAsync()));
        var files = await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/attachments")).ReadAsync<List<AttachmentView>>();
        Assert.Contains(files, f => f.FileName == "delivery-report.eml");
        Assert.Contains(await EntriesAsync(sam, ticket.Number), e => e.Visibility == EntryVisibility.Internal && e.Body.Contains("olivia@gone.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_ignored_the_second_time()
    {
        var first = await DeliverAsync(Corpus("multipart-alternative.eml"));
        var second = await DeliverAsync(Corpus("multipart-alternative.eml"));

        Assert.Equal(InboundOutcome.TicketCreated, first.Outcome);
        Assert.Equal((InboundOutcome.IgnoredDuplicate, null), (second.Outcome, second.Ticket));
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Garbage_is_quarantined_kept_byte_for_byte_and_can_be_retried()
    {
        using var admin = await server.ClientForAsync("admin");

        var answer = await DeliverAsync(Corpus("garbage.eml"));

        Assert.Equal(InboundOutcome.Quarantined, answer.Outcome);
        var listed = await (await admin.GetAsync("/api/v1/mail/inbound?outcome=quarantined")).ReadAsync<List<InboundView>>();
        Assert.Contains(listed, m => m.Id == answer.Id);
        var download = await admin.GetAsync($"/api/v1/mail/inbound/{answer.Id}/raw");
        Assert.Equal(Corpus("garbage.eml"), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("message/rfc822", download.Content.Headers.ContentType?.MediaType);
        var retried = await (await admin.PostAsync($"/api/v1/mail/inbound/{answer.Id}/retry", null)).ReadAsync<InboundAnswer>();
        Assert.Equal(InboundOutcome.Quarantined, retried.Outcome);
        Assert.Equal(2, (await (await admin.GetAsync("/api/v1/mail/inbound?outcome=quarantined")).ReadAsync<List<InboundView>>()).Single(m => m.Id == answer.Id).Attempts);
    }

    [Fact]
    public async Task A_handled_message_is_not_retried()
    {
        using var admin = await server.ClientForAsync("admin");
        var answer = await DeliverAsync(Bytes(Mail("olivia@demo.frontline.local", "Mouse broken " + Token(), "Left button.")));

        var retry = await admin.PostAsync($"/api/v1/mail/inbound/{answer.Id}/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/mail/inbound/999999999/retry", null)).StatusCode);
    }

    [Fact]
    public async Task The_subject_tag_threads_a_requesters_mail_but_a_stranger_gets_a_ticket_of_their_own()
    {
        using var olivia = await server.ClientForAsync("olivia");
        var ticket = await olivia.CreateTicketAsync("Keyboard " + Token());

        var own = await DeliverAsync(Bytes(Mail("olivia@demo.frontline.local", $"[{ticket.Number}] one more thing", "The spacebar too.")));
        var stranger = await DeliverAsync(Bytes(Mail("mallory@elsewhere.example", $"Re: [{ticket.Number}] hi", "Let me in.")));

        Assert.Equal((InboundOutcome.ReplyAdded, ticket.Number), (own.Outcome, own.Ticket));
        Assert.Equal(InboundOutcome.TicketCreated, stranger.Outcome);
        Assert.NotEqual(ticket.Number, stranger.Ticket);
        Assert.DoesNotContain(await EntriesAsync(olivia, ticket.Number), e => e.Body.Contains("Let me in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_too_large_for_a_ticket_is_named_on_it_and_kept_in_the_original_while_the_rest_is_attached()
    {
        var message = Mail("olivia@demo.frontline.local", "Crash dump " + Token(), "Dump and log attached.");
        var body = new BodyBuilder { TextBody = "Dump and log attached." };
        body.Attachments.Add("payroll.dmp", new byte[25 * 1024 * 1024], new ContentType("application", "octet-stream"));
        body.Attachments.Add("payroll.log", Encoding.UTF8.GetBytes("ERROR at line 42"), new ContentType("text", "plain"));
        message.Body = body.ToMessageBody();

        var answer = await DeliverAsync(Bytes(message));

        using var sam = await server.ClientForAsync("maria");
        var ticket = await sam.GetTicketAsync(answer.Ticket!);
        Assert.Contains("payroll.dmp (25 MiB) is larger than tickets take", ticket.Description, StringComparison.Ordinal);
        var files = await (await sam.GetAsync($"/api/v1/tickets/{answer.Ticket}/attachments")).ReadAsync<List<AttachmentView>>();
        Assert.Equal(["payroll.log"], files.Select(f => f.FileName));
    }

    [Fact]
    public async Task An_admin_edits_the_german_template_and_a_german_sender_gets_it()
    {
        using var admin = await server.ClientForAsync("admin");
        var refused = await admin.PutAsJsonAsync("/api/v1/mail/templates/created/de", new { subject = "{{ticket.title}}", body = "{{ticket.secret}}" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        (await admin.PutAsJsonAsync("/api/v1/mail/templates/created/de", new { subject = "Eingang: {{ticket.title}}", body = "Servus {{requester.name}}, {{ticket.number}} ist angelegt." })).EnsureSuccessStatusCode();

        var juergen = "juergen-" + Token();
        var german = Mail($"Jürgen Müller <{juergen}@example.de>", "Störung im Büro Köln", "Kein Netz.");
        german.Headers.Add("Content-Language", "de-DE");

        var answer = await DeliverAsync(Bytes(german));

        var told = await MailServers.WaitForAsync(juergen, answer.Ticket!);
        Assert.Equal($"[{answer.Ticket}] Eingang: Störung im Büro Köln", told.Subject);
        Assert.Equal($"Servus Jürgen Müller, {answer.Ticket} ist angelegt.", told.TextBody!.Trim());
    }

    [Fact]
    public async Task The_mta_pipe_exits_0_when_delivered_and_75_when_frontline_cannot_take_it()
    {
        var token = Token();
        var raw = Bytes(Mail("olivia@demo.frontline.local", "Pipe check " + token, "Through the MTA."));
        var admin = await server.TokenForAsync("admin");

        var delivered = await PipeAsync(raw, "--url", server.Address.ToString(), "--token", admin);
        var unreachable = await PipeAsync(raw, "--url", "http://127.0.0.1:9", "--token", admin);
        var badToken = await PipeAsync(raw, "--url", server.Address.ToString(), "--token", "fl_wrong");

        Assert.Equal(0, delivered.ExitCode);
        Assert.Contains("TicketCreated", delivered.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((75, 75), (unreachable.ExitCode, badToken.ExitCode));
        Assert.Equal(1, await server.WithDbAsync(db => db.Tickets.CountAsync(t => t.Title.Contains(token))));
    }

    private static async Task<(int ExitCode, string Output)> PipeAsync(byte[] raw, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Frontline.Testing.FrontlineProcess.Dll(typeof(MailChannelTests).Assembly), "mail" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        await process.StandardInput.BaseStream.WriteAsync(raw);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}

[Collection(MailSqliteCollection.Name)]
public sealed class MailChannelOnSqlite(MailSqliteServer server) : MailChannelTests(server);

[Collection(MailPostgresCollection.Name)]
public sealed class MailChannelOnPostgres(MailPostgresServer server) : MailChannelTests(server);
