using Frontline.Data;
using Frontline.Domain.Mail;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Frontline.Features.Mail;

/// <summary>What became of one delivered message, as the pipe endpoint answers it.</summary>
public sealed record InboundAnswer(long Id, InboundOutcome Outcome, string? Ticket, string? Reason);

/// <summary>
/// Turns an arriving message into a ticket, a public reply or an attached bounce, through the same
/// <see cref="TicketDesk"/> the portal uses (history, attachments, live pages). The raw bytes are stored
/// and committed before anything else, and whatever goes wrong afterwards leaves the message quarantined
/// with the reason, never lost.
/// </summary>
public sealed class MailIntake(FrontlineDb db, TicketDesk desk, MailPeople people, TimeProvider clock, MailSettings settings, IOptions<TicketOptions> ticketOptions, ILogger<MailIntake> log)
{
    public const string PipeMailbox = "pipe";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<InboundAnswer> AcceptAsync(byte[] raw, string mailbox, RouteSettings route, CancellationToken cancellationToken)
    {
        var message = new InboundMessage
        {
            MessageKey = MailReader.KeyOf(MailReader.TryLoad(raw), raw),
            Mailbox = mailbox,
            ReceivedAt = Now,
            Raw = raw,
            Outcome = InboundOutcome.Received,
        };
        db.InboundMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return await HandleAsync(message, route, cancellationToken);
    }

    /// <summary>Handles a stored message (again, for a retry); any failure quarantines it with the reason.</summary>
    public async Task<InboundAnswer> HandleAsync(InboundMessage message, RouteSettings route, CancellationToken cancellationToken)
    {
        message.Attempts++;
        message.Reason = null;
        try
        {
            await DecideAsync(message, route, cancellationToken);
            message.HandledAt = Now;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Mail {Id} ({Key}) quarantined", message.Id, message.MessageKey);
            db.ChangeTracker.Clear();
            var reason = Limit("Could not be handled: " + e.Message);
            await db.InboundMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Outcome, InboundOutcome.Quarantined)
                .SetProperty(m => m.Reason, reason)
                .SetProperty(m => m.Attempts, message.Attempts)
                .SetProperty(m => m.HandledAt, Now), cancellationToken);
            (message.Outcome, message.Reason) = (InboundOutcome.Quarantined, reason);
        }
        var number = message.TicketId is { } id ? await db.Tickets.Where(t => t.Id == id).Select(t => t.Number).SingleOrDefaultAsync(cancellationToken) : null;
        return new InboundAnswer(message.Id, message.Outcome, number, message.Reason);
    }

    private async Task DecideAsync(InboundMessage message, RouteSettings route, CancellationToken cancellationToken)
    {
        if (MailReader.TryLoad(message.Raw) is not { } mime || mime.Headers.Count == 0)
        {
            Set(message, InboundOutcome.Quarantined, "Not an RFC 5322 message: no header could be read.");
            return;
        }
        var mail = MailReader.Read(mime);
        var facts = mail.Facts;
        message.FromAddress = facts.From.Length == 0 ? null : Limit(facts.From, 320);
        message.Subject = Limit(HeaderText.Clean(facts.Subject), 500);
        message.Language = mail.Language;
        if (facts.From.Length == 0 || !facts.From.Contains('@', StringComparison.Ordinal))
        {
            Set(message, InboundOutcome.Quarantined, "The message names no sender address.");
            return;
        }
        if (await IsDuplicateAsync(message, cancellationToken))
        {
            Set(message, InboundOutcome.IgnoredDuplicate, $"Message {message.MessageKey} was delivered before.");
            return;
        }
        var hourAgo = Now.AddHours(-1);
        var recent = await db.InboundMessages.CountAsync(m => m.FromAddress == message.FromAddress && m.ReceivedAt > hourAgo && m.Id != message.Id
            && m.Outcome != InboundOutcome.IgnoredDuplicate, cancellationToken);
        var kind = MailClassifier.Classify(facts, [.. settings.AllOwnAddresses()], recent, settings.MaxMessagesPerSenderPerHour);
        if (kind.Kind == MailKind.Personal && await db.OutboundMail.AnyAsync(o => o.MessageId == message.MessageKey, cancellationToken))
        {
            kind = new MailClassification(MailKind.Loop, "the desk's own notification came back");
        }
        var known = await KnownThreadsAsync(MailThreading.IdsToLookUp(facts), cancellationToken);
        var number = MailThreading.Decide(facts, known);
        switch (kind.Kind)
        {
            case MailKind.Loop:
                Set(message, InboundOutcome.IgnoredLoop, kind.Reason);
                return;
            case MailKind.Bounce:
                await AttachBounceAsync(message, mail, number, cancellationToken);
                return;
        }
        var sender = await people.SenderAsync(facts.From, mail.FromName, cancellationToken);
        if (sender is null)
        {
            Set(message, InboundOutcome.RejectedSender, $"{facts.From} is not allowed to write to the desk ({settings.Senders}).");
            MailOutbox.QueueAnswer(db, settings, facts.From, Now);
            return;
        }
        if (number is not null && await ReplyAsync(message, mail, sender, number, cancellationToken))
        {
            return;
        }
        await CreateAsync(message, mail, sender, route, number, cancellationToken);
    }

    private async Task<bool> IsDuplicateAsync(InboundMessage message, CancellationToken cancellationToken) =>
        await db.InboundMessages.AnyAsync(m => m.MessageKey == message.MessageKey && m.Id != message.Id
            && (m.Outcome == InboundOutcome.TicketCreated || m.Outcome == InboundOutcome.ReplyAdded || m.Outcome == InboundOutcome.BounceAttached
                || m.Outcome == InboundOutcome.IgnoredLoop || m.Outcome == InboundOutcome.RejectedSender
                || (m.Outcome == InboundOutcome.Received && m.Id < message.Id)), cancellationToken);

    /// <summary>Message id → ticket number for the ids the desk has received or sent.</summary>
    private async Task<Dictionary<string, string>> KnownThreadsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var wanted = ids.Take(50).ToList();
        var received = await db.InboundMessages.Where(m => wanted.Contains(m.MessageKey) && m.TicketId != null)
            .Select(m => new { m.MessageKey, m.Ticket!.Number }).ToListAsync(cancellationToken);
        var sent = await db.OutboundMail.Where(m => wanted.Contains(m.MessageId) && m.TicketId != null)
            .Select(m => new { Key = m.MessageId, m.Ticket!.Number }).ToListAsync(cancellationToken);
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, number) in received.Select(r => (r.MessageKey, r.Number)).Concat(sent.Select(s => (s.Key, s.Number))))
        {
            known.TryAdd(key, number);
        }
        // The root id every notification of a ticket refers to, even when the first mail is long gone.
        foreach (var id in wanted.Where(i => MailOutbox.TicketOfRootId(i, settings) is not null))
        {
            known.TryAdd(id, MailOutbox.TicketOfRootId(id, settings)!);
        }
        return known;
    }

    private async Task<bool> ReplyAsync(InboundMessage message, ParsedMail mail, MailSender sender, string number, CancellationToken cancellationToken)
    {
        var ticketId = await db.Tickets.Where(t => t.Number == number).Select(t => (long?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (ticketId is null)
        {
            return false;
        }
        var trimmed = ReplyText.Trim(mail.Text);
        var tooLarge = TooLarge(mail.Files);
        var body = WithNotes(trimmed.Shown.Length > 0 ? trimmed.Shown : "(The mail had no text.)", tooLarge);
        // Saved with the reply itself, so a crash cannot leave a reply whose message would be handled twice.
        Set(message, InboundOutcome.ReplyAdded, trimmed.Trimmed ? "Quoted history and signature trimmed; the original is kept." : null);
        message.TicketId = ticketId;
        var reply = await desk.AddEntryAsync(sender.Caller, number, body, EntryVisibility.Public, cancellationToken);
        if (!reply.IsDone)
        {
            // Not theirs to answer, or closed: the message starts a ticket of its own instead.
            Set(message, InboundOutcome.Received, null);
            message.TicketId = null;
            return false;
        }
        await AttachAsync(sender.Caller, number, mail.Files, cancellationToken);
        return true;
    }

    private async Task CreateAsync(InboundMessage message, ParsedMail mail, MailSender sender, RouteSettings route, string? closedNumber, CancellationToken cancellationToken)
    {
        var title = MailThreading.Title(mail.Facts.Subject);
        var text = mail.Text.Length > 0 ? mail.Text : "(The mail had no text.)";
        if (closedNumber is not null)
        {
            text = $"Follow-up to {closedNumber}.\n\n{text}";
        }
        text = WithNotes(text, TooLarge(mail.Files));
        if (text.Length > TicketFields.DescriptionMaxLength)
        {
            const string Cut = "\n\n… (cut here; the whole mail is kept with the ticket's attachments)";
            text = text[..(TicketFields.DescriptionMaxLength - Cut.Length)] + Cut;
        }
        var (groupId, serviceId) = await people.RouteAsync(route, cancellationToken);
        var input = new NewTicket(TicketKind.Incident, title.Length > 0 ? Limit(title, TicketFields.TitleMaxLength) : $"Mail from {sender.Address}", text,
            RequesterId: sender.Caller.Id, ServiceId: serviceId, GroupId: groupId);
        // The ticket commits in the intake writer's transaction; the message's outcome commits in the same one,
        // so a crash can never leave a ticket whose message still looks unhandled (and would make it again).
        var created = await desk.CreateAsync(sender.AsIntake(), input, Channel.Email, cancellationToken, async (writer, ticket) =>
        {
            Set(message, InboundOutcome.TicketCreated, null);
            message.TicketId = ticket.Id;
            await writer.InboundMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Outcome, InboundOutcome.TicketCreated)
                .SetProperty(m => m.Reason, (string?)null)
                .SetProperty(m => m.TicketId, ticket.Id), cancellationToken);
        });
        if (!created.IsDone)
        {
            Set(message, InboundOutcome.Quarantined, $"The desk refused the ticket: {created.Reason}");
            return;
        }
        var files = mail.Files.ToList();
        if (mail.Text.Length > TicketFields.DescriptionMaxLength)
        {
            files.Add(new MailFile("original.eml", "message/rfc822", message.Raw));
        }
        await AttachAsync(sender.AsIntake(), created.Value!.Number, files, cancellationToken);
    }

    private async Task AttachBounceAsync(InboundMessage message, ParsedMail mail, string? number, CancellationToken cancellationToken)
    {
        var system = await people.ChannelCallerAsync(cancellationToken);
        var ticket = number is null ? null : await desk.FindAsync(system, number, cancellationToken);
        if (ticket is null)
        {
            Set(message, InboundOutcome.IgnoredLoop, "A delivery report about no mail the desk sent.");
            return;
        }
        var who = mail.FailedRecipients.Count > 0 ? string.Join(", ", mail.FailedRecipients) : "a recipient";
        Set(message, InboundOutcome.BounceAttached, null);
        message.TicketId = ticket.Id;
        var note = await desk.AddEntryAsync(system, ticket.Number, $"Mail to {who} could not be delivered: {HeaderText.Clean(mail.Facts.Subject)}. The report is attached.", EntryVisibility.Internal, cancellationToken);
        if (!note.IsDone)
        {
            Set(message, InboundOutcome.IgnoredLoop, $"A delivery report for {ticket.Number}, which takes no more notes: {note.Reason}");
            message.TicketId = ticket.Id;
            return;
        }
        await AttachAsync(system, ticket.Number, [new MailFile("delivery-report.eml", "message/rfc822", message.Raw)], cancellationToken);
    }

    private async Task AttachAsync(Caller caller, string number, IEnumerable<MailFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files.Where(f => f.Content.Length > 0 && f.Content.Length <= ticketOptions.Value.MaxAttachmentBytes))
        {
            using var content = new MemoryStream(file.Content, writable: false);
            var attached = await desk.AttachAsync(caller, number, file.FileName, file.ContentType, content, ticketOptions.Value.MaxAttachmentBytes, cancellationToken);
            if (!attached.IsDone)
            {
                throw new InvalidOperationException($"{number} refused the attachment {file.FileName}: {attached.Reason}");
            }
        }
    }

    private List<MailFile> TooLarge(IEnumerable<MailFile> files) =>
        files.Where(f => f.Content.Length > ticketOptions.Value.MaxAttachmentBytes).ToList();

    private static string WithNotes(string text, List<MailFile> tooLarge) =>
        tooLarge.Count == 0 ? text
            : text + "\n\n" + string.Join("\n", tooLarge.Select(f => $"_{f.FileName} ({f.Content.Length / (1024 * 1024)} MiB) is larger than tickets take; the desk keeps it in the original mail._"));

    private static void Set(InboundMessage message, InboundOutcome outcome, string? reason)
    {
        message.Outcome = outcome;
        message.Reason = reason is null ? null : Limit(reason);
    }

    private static string Limit(string text, int length = 2000) => text.Length <= length ? text : text[..length];
}
