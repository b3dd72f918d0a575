using Frontline.Data;
using Frontline.Domain.Mail;
using Frontline.Domain.Tickets;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Frontline.Features.Mail;

/// <summary>Message ids of the desk's mail, and the queue rows that carry notifications.</summary>
public static class MailOutbox
{
    private const string RootPrefix = "ticket.";

    /// <summary>Every notification of a ticket refers to this id, so any reply to any of them finds the ticket.</summary>
    public static string RootId(string number, MailSettings settings) => $"{RootPrefix}{number}@{settings.Smtp.IdDomain}";

    public static string? TicketOfRootId(string id, MailSettings settings)
    {
        var suffix = "@" + settings.Smtp.IdDomain;
        return id.StartsWith(RootPrefix, StringComparison.Ordinal) && id.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && MailThreading.TagIn("[" + id[RootPrefix.Length..^suffix.Length] + "]") is { } number ? number : null;
    }

    public static string NewMessageId(MailSettings settings) => $"{Guid.NewGuid():N}@{settings.Smtp.IdDomain}";

    /// <remarks>By the ticket's id, never its object: a new ticket is written as plain rows, and adding it as the
    /// mail's navigation would have EF Core insert it a second time.</remarks>
    public static void Queue(FrontlineDb db, MailSettings settings, Ticket ticket, NotificationKind kind, DateTime now, TicketEntry? entry = null) =>
        db.OutboundMail.Add(new OutboundMail { TicketId = ticket.Id, Kind = kind, Entry = entry, MessageId = NewMessageId(settings), CreatedAt = now, NextAttemptAt = now });

    /// <summary>Tells someone the desk does not take their mail. Only ever in answer to a person (the caller checked it is no robot).</summary>
    public static void QueueAnswer(FrontlineDb db, MailSettings settings, string address, DateTime now)
    {
        if (settings.Smtp.IsConfigured)
        {
            db.OutboundMail.Add(new OutboundMail { Kind = NotificationKind.SenderRejected, ToAddress = address, MessageId = NewMessageId(settings), CreatedAt = now, NextAttemptAt = now });
        }
    }
}

/// <summary>Wakes the sender when mail was queued, so a notification leaves at once instead of at the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Raise()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Raised twice at once: one wake-up is enough.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}

/// <summary>
/// Queues the notifications a ticket change calls for, in the same transaction as the change: created (from the
/// intake's commit of new tickets), a public reply from the desk, resolved (with the survey request). Reading
/// changes off the tracked entities means every way of changing a ticket (API, pages, mail) notifies alike.
/// </summary>
public sealed class MailNotifications(MailSettings settings, TimeProvider clock, OutboxSignal signal) : SaveChangesInterceptor, ITicketCreationHook
{
    public void Creating(FrontlineDb db, IReadOnlyList<Ticket> tickets, DateTime now)
    {
        if (!settings.Smtp.IsConfigured)
        {
            return;
        }
        foreach (var ticket in tickets.Where(t => IsNews(t, now)))
        {
            MailOutbox.Queue(db, settings, ticket, NotificationKind.Created, now);
        }
    }

    // A change dated well in the past is history being written (an import, the demo organisation), not news to tell.
    private static bool IsNews(Ticket ticket, DateTime now) => ticket.Channel != Channel.Import && ticket.UpdatedAt >= now - TimeSpan.FromMinutes(10);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Queue(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Queue(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is FrontlineDb db && db.ChangeTracker.Entries<OutboundMail>().Any())
        {
            signal.Raise();
        }
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    private void Queue(DbContext? context)
    {
        if (context is not FrontlineDb db || !settings.Smtp.IsConfigured)
        {
            return;
        }
        db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var tracked in db.ChangeTracker.Entries<Ticket>().Where(t => t.State == EntityState.Modified).ToList())
        {
            var ticket = tracked.Entity;
            if (!IsNews(ticket, now))
            {
                continue;
            }
            foreach (var entry in ticket.Entries.Where(e => db.Entry(e).State == EntityState.Added && e.Visibility == EntryVisibility.Public && e.AuthorId != ticket.RequesterId))
            {
                MailOutbox.Queue(db, settings, ticket, NotificationKind.Replied, now, entry);
            }
            if (ticket.Status == TicketStatus.Resolved && tracked.Property(t => t.Status).OriginalValue != TicketStatus.Resolved)
            {
                MailOutbox.Queue(db, settings, ticket, NotificationKind.Resolved, now);
                MailOutbox.Queue(db, settings, ticket, NotificationKind.Survey, now);
            }
        }
    }
}
