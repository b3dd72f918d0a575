namespace Frontline.Domain.Mail;

/// <summary>What an arriving message is, before anyone asks where it belongs.</summary>
public enum MailKind
{
    /// <summary>Written by a person: becomes a ticket or a reply.</summary>
    Personal,

    /// <summary>A delivery failure report: attached to the ticket whose mail bounced, never a ticket itself.</summary>
    Bounce,

    /// <summary>Answering it could start a mail loop (auto-reply, list, bulk, our own mail, a sender over its rate).</summary>
    Loop,
}

public sealed record MailClassification(MailKind Kind, string Reason);

/// <summary>
/// Tells people from machines. RFC 3834 says never to answer a message that is Auto-Submitted, and
/// auto-replies, list traffic and our own notifications coming back must not open tickets either, or
/// two robots will write to each other forever.
/// </summary>
public static class MailClassifier
{
    public static MailClassification Classify(InboundFacts facts, IReadOnlyCollection<string> ownAddresses, int recentFromSender, int senderLimit)
    {
        // A bounce is checked first: mail systems often mark reports Auto-Submitted, and a bounce still matters.
        if (facts.IsDeliveryReport || IsMailerDaemon(facts))
        {
            return new(MailKind.Bounce, "delivery status report");
        }
        if (ownAddresses.Contains(facts.From, StringComparer.OrdinalIgnoreCase))
        {
            return new(MailKind.Loop, $"sent from the desk's own address {facts.From}");
        }
        if (facts.AutoSubmitted is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return new(MailKind.Loop, $"Auto-Submitted: {auto.Trim()}");
        }
        if (facts.HasAutoReplyHeader)
        {
            return new(MailKind.Loop, "marked as an automatic reply");
        }
        if (facts.Precedence?.Trim().ToLowerInvariant() is "bulk" or "list" or "junk" or "auto_reply")
        {
            return new(MailKind.Loop, $"Precedence: {facts.Precedence.Trim()}");
        }
        if (facts.HasListHeader)
        {
            return new(MailKind.Loop, "mailing list traffic");
        }
        if (senderLimit > 0 && recentFromSender >= senderLimit)
        {
            return new(MailKind.Loop, $"{facts.From} sent more than {senderLimit} messages in the last hour");
        }
        return new(MailKind.Personal, "written by a person");
    }

    private static bool IsMailerDaemon(InboundFacts facts)
    {
        var local = facts.From.Split('@')[0];
        // An empty Return-Path (<>) is what RFC 5321 requires of notifications such as bounces.
        return (local is "mailer-daemon" or "postmaster") && (facts.ReturnPath is null or "" or "<>");
    }
}
