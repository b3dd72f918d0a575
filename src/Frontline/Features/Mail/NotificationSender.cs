using Frontline.Data;
using Frontline.Domain.Mail;
using Frontline.Domain.Tickets;
using Frontline.Features.Experience;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Frontline.Features.Mail;

/// <summary>
/// Sends queued notifications over SMTP. Each node claims a batch before sending (PostgreSQL: FOR UPDATE
/// SKIP LOCKED, so two nodes never take the same row; SQLite runs one node), and a mail that fails waits
/// twice as long each time, so an SMTP outage delays mail and loses none.
/// </summary>
public sealed class NotificationSender(IServiceScopeFactory scopes, MailSettings settings, SurveyLinks surveyLinks, OutboxSignal signal, TimeProvider clock, ILogger<NotificationSender> log) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await SendBatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The notification sender failed a round; it tries again");
            }
            if (sent < BatchSize)
            {
                await signal.WaitAsync(settings.Smtp.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims due mail, sends it on one SMTP connection, and records what happened to each.</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FrontlineDb>();
        var templates = scope.ServiceProvider.GetRequiredService<MailTemplates>();
        var batch = await ClaimAsync(db, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        using var smtp = new SmtpClient();
        Exception? connectionFailure = null;
        try
        {
            await smtp.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, settings.Smtp.Tls, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Smtp.User))
            {
                await smtp.AuthenticateAsync(settings.Smtp.User, settings.Smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            connectionFailure = e;
        }
        foreach (var mail in batch)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            mail.ClaimedUntil = null;
            try
            {
                var message = await ComposeAsync(db, templates, mail, cancellationToken);
                if (message is null)
                {
                    (mail.FailedAt, mail.LastError) = (now, "Nobody to send it to: the requester has no active account with an address.");
                    continue;
                }
                if (connectionFailure is not null)
                {
                    throw connectionFailure;
                }
                await smtp.SendAsync(message, cancellationToken);
                mail.SentAt = now;
                mail.LastError = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                mail.Attempts++;
                mail.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                var wait = TimeSpan.FromTicks(Math.Min(settings.Smtp.MaxBackoff.Ticks, settings.Smtp.FirstBackoff.Ticks * (1L << Math.Min(mail.Attempts - 1, 30))));
                mail.NextAttemptAt = now + wait;
                if (mail.Attempts >= settings.Smtp.MaxAttempts)
                {
                    mail.FailedAt = now;
                }
            }
        }
        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(quit: true, cancellationToken);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return batch.Count;
    }

    private async Task<List<OutboundMail>> ClaimAsync(FrontlineDb db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = db.Provider == DatabaseProvider.Postgres
            ? db.OutboundMail.FromSql($"""
                SELECT * FROM "OutboundMail"
                WHERE "SentAt" IS NULL AND "FailedAt" IS NULL AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            : db.OutboundMail.Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now)).OrderBy(m => m.Id).Take(BatchSize);
        var batch = await due.ToListAsync(cancellationToken);
        foreach (var mail in batch)
        {
            mail.ClaimedUntil = now + ClaimFor;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch;
    }

    /// <summary>The mail as it goes out: the template in the requester's language, threaded to the ticket. Null when nobody can receive it.</summary>
    private async Task<MimeMessage?> ComposeAsync(FrontlineDb db, MailTemplates templates, OutboundMail mail, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["desk.name"] = settings.DeskName };
        string? to = mail.ToAddress;
        string? toName = null;
        string language = settings.DefaultLanguage;
        var message = new MimeMessage();
        if (mail.TicketId is { } ticketId)
        {
            var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
                .Select(t => new { t.Number, t.Title, t.Status, t.ResolutionNotes, t.RequesterId, Name = t.Requester!.DisplayName, t.Requester.Email, t.Requester.IsActive })
                .SingleAsync(cancellationToken);
            if (!ticket.IsActive || string.IsNullOrWhiteSpace(ticket.Email) || ticket.Email.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            (to, toName) = (ticket.Email, ticket.Name);
            values["ticket.number"] = ticket.Number;
            values["ticket.title"] = ticket.Title;
            values["ticket.status"] = TicketLifecycle.Describe(ticket.Status);
            values["ticket.link"] = $"{settings.PublicUrl.TrimEnd('/')}/portal/tickets/{ticket.Number}";
            values["requester.name"] = ticket.Name;
            if (mail.Kind == NotificationKind.Survey)
            {
                // Signed links that need no sign-in: one click on a score records it and opens the rest of the survey.
                var survey = surveyLinks.For(ticketId, ticket.RequesterId);
                values["survey.link"] = survey;
                foreach (var (name, score) in new[] { ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5) })
                {
                    values["survey." + name] = $"{survey}?score={score}";
                }
            }
            values["resolution.notes"] = ticket.ResolutionNotes ?? "";
            if (mail.EntryId is { } entryId)
            {
                var entry = await db.TicketEntries.AsNoTracking().Where(e => e.Id == entryId).Select(e => new { e.Body, Author = e.Author!.DisplayName }).SingleAsync(cancellationToken);
                (values["reply.body"], values["reply.author"]) = (entry.Body, entry.Author);
            }
            var thread = await db.InboundMessages.AsNoTracking().Where(m => m.TicketId == ticketId && m.Outcome != InboundOutcome.BounceAttached)
                .OrderBy(m => m.Id).Select(m => new { m.MessageKey, m.Language, m.Mailbox }).ToListAsync(cancellationToken);
            language = thread.LastOrDefault(m => m.Language is not null)?.Language
                ?? settings.Mailboxes.FirstOrDefault(b => thread.Count > 0 && b.Name == thread[0].Mailbox)?.Language
                ?? (thread.Count > 0 && thread[0].Mailbox == MailIntake.PipeMailbox ? settings.Pipe.Language : null)
                ?? settings.DefaultLanguage;
            var root = MailOutbox.RootId(ticket.Number, settings);
            var received = thread.Where(m => !m.MessageKey.StartsWith("sha256:", StringComparison.Ordinal)).Select(m => m.MessageKey).ToList();
            message.InReplyTo = received.LastOrDefault() ?? root;
            message.References.Add(root);
            foreach (var id in received.Take(1).Concat(received.Skip(1).TakeLast(1)))
            {
                message.References.Add(id);
            }
        }
        if (string.IsNullOrWhiteSpace(to) || !MailboxAddress.TryParse(HeaderText.Clean(to), out var recipient))
        {
            return null;
        }
        recipient.Name = toName is null ? null : HeaderText.Clean(toName);
        var text = await templates.ForAsync(mail.Kind, language, cancellationToken);
        var subject = HeaderText.Clean(MailTemplate.Render(text.Subject, values));
        message.From.Add(new MailboxAddress(HeaderText.Clean(settings.DeskName), settings.Smtp.From));
        message.To.Add(recipient);
        message.Subject = values.TryGetValue("ticket.number", out var number) ? MailThreading.Tagged(number, subject) : subject;
        message.MessageId = mail.MessageId;
        message.Date = new DateTimeOffset(mail.CreatedAt, TimeSpan.Zero);
        // RFC 3834: a notification is auto-generated, so well-behaved auto-responders stay quiet; Exchange reads the second.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Headers.Add("Content-Language", language);
        message.Body = new TextPart("plain") { Text = MailTemplate.Render(text.Body, values) };
        return message;
    }
}
