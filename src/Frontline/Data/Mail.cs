using Frontline.Domain.Mail;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Data;

/// <summary>What became of an arriving message. Every message gets one; none disappears without a trace.</summary>
public enum InboundOutcome
{
    /// <summary>Stored, not yet handled (or handling was interrupted; a retry picks it up).</summary>
    Received,
    TicketCreated,
    ReplyAdded,
    BounceAttached,
    IgnoredDuplicate,
    IgnoredLoop,
    RejectedSender,

    /// <summary>Could not be handled; kept for an admin to look at, download and retry.</summary>
    Quarantined,
}

/// <summary>One arriving message, stored raw before anything is decided about it.</summary>
public sealed class InboundMessage
{
    public long Id { get; set; }

    /// <summary>The message's Message-ID without brackets, or "sha256:…" of its bytes when it has none.</summary>
    public required string MessageKey { get; set; }

    /// <summary>The configured mailbox it came from, or "pipe" for the MTA.</summary>
    public required string Mailbox { get; set; }

    public DateTime ReceivedAt { get; set; }

    public required byte[] Raw { get; set; }

    public string? FromAddress { get; set; }

    public string? Subject { get; set; }

    /// <summary>The language the sender wrote in (Content-Language), for the notifications that answer it.</summary>
    public string? Language { get; set; }

    public InboundOutcome Outcome { get; set; }

    public string? Reason { get; set; }

    public long? TicketId { get; set; }

    public Ticket? Ticket { get; set; }

    public int Attempts { get; set; }

    public DateTime? HandledAt { get; set; }
}

/// <summary>
/// A notification waiting to go out. Written in the same commit as the ticket change it tells about, so
/// an SMTP outage delays mail and loses none; the sender fills in the text when it sends.
/// </summary>
public sealed class OutboundMail
{
    public long Id { get; set; }

    public long? TicketId { get; set; }

    public Ticket? Ticket { get; set; }

    public NotificationKind Kind { get; set; }

    /// <summary>The reply this tells about, for <see cref="NotificationKind.Replied"/>.</summary>
    public long? EntryId { get; set; }

    public TicketEntry? Entry { get; set; }

    /// <summary>Set for mail to someone without an account (an answer to a rejected sender); otherwise the ticket's requester.</summary>
    public string? ToAddress { get; set; }

    /// <summary>Fixed when queued, so a retry sends the same message and the requester's reply threads back.</summary>
    public required string MessageId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>A node sending it holds it until then; afterwards another may take it over.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public int Attempts { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Set when the desk gave up (too many attempts, or nobody to send to); the row stays for the admin page.</summary>
    public DateTime? FailedAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>An admin's version of a notification template for one language; without one the built-in text is used.</summary>
public sealed class MailTemplateText
{
    public NotificationKind Kind { get; set; }

    public required string Language { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal static class MailModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<InboundMessage>(message =>
        {
            message.Property(m => m.MessageKey).HasMaxLength(500);
            message.Property(m => m.Mailbox).HasMaxLength(100);
            message.Property(m => m.FromAddress).HasMaxLength(320);
            message.Property(m => m.Subject).HasMaxLength(500);
            message.Property(m => m.Language).HasMaxLength(20);
            message.Property(m => m.Reason).HasMaxLength(2000);
            message.HasIndex(m => m.MessageKey);
            message.HasIndex(m => new { m.Outcome, m.Id });
            message.HasIndex(m => new { m.FromAddress, m.ReceivedAt });
            message.HasIndex(m => m.TicketId);
            message.HasOne(m => m.Ticket).WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<OutboundMail>(mail =>
        {
            mail.Property(m => m.MessageId).HasMaxLength(500);
            mail.Property(m => m.ToAddress).HasMaxLength(320);
            mail.Property(m => m.LastError).HasMaxLength(2000);
            mail.HasIndex(m => m.MessageId).IsUnique();
            mail.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
            mail.HasIndex(m => m.TicketId);
            mail.HasOne(m => m.Ticket).WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
            mail.HasOne(m => m.Entry).WithMany().HasForeignKey(m => m.EntryId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<MailTemplateText>(template =>
        {
            template.HasKey(t => new { t.Kind, t.Language });
            template.Property(t => t.Language).HasMaxLength(20);
            template.Property(t => t.Subject).HasMaxLength(500);
            template.Property(t => t.Body).HasMaxLength(20000);
        });
    }
}
