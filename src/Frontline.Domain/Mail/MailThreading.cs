using System.Text.RegularExpressions;

namespace Frontline.Domain.Mail;

/// <summary>
/// Which ticket a message belongs to. The message ids it answers are the strongest evidence (the mail
/// client set them); the [INC0000123] tag in the subject covers clients that drop them, and people
/// who start a fresh mail about an old ticket.
/// </summary>
public static partial class MailThreading
{
    /// <summary>The ids to look up, in the order they count: what it answers directly, then the thread newest first, then its own id (a report quoting our mail).</summary>
    public static IReadOnlyList<string> IdsToLookUp(InboundFacts facts) =>
        facts.InReplyTo
            .Concat(facts.References.Reverse())
            .Concat(facts.ReportedMessageIds ?? [])
            .Select(Normalise)
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The ticket number the message belongs to: the first looked-up id the desk knows, else the subject tag.
    /// </summary>
    /// <param name="known">Message id → ticket number, for the ids the desk has seen or sent.</param>
    public static string? Decide(InboundFacts facts, IReadOnlyDictionary<string, string> known)
    {
        foreach (var id in IdsToLookUp(facts))
        {
            if (known.TryGetValue(id, out var number))
            {
                return number;
            }
        }
        return TagIn(facts.Subject);
    }

    /// <summary>The ticket number in a subject's [INC0000123] tag, if any.</summary>
    public static string? TagIn(string? subject) =>
        subject is not null && Tag().Match(subject) is { Success: true } found ? found.Groups[1].Value.ToUpperInvariant() : null;

    /// <summary>The subject a notification carries: the ticket's tag once, in front.</summary>
    public static string Tagged(string number, string subject)
    {
        var clean = HeaderText.Clean(subject);
        return TagIn(clean) == number ? clean : $"[{number}] {clean}";
    }

    /// <summary>A subject as a ticket title: without reply and forward prefixes or a tag.</summary>
    public static string Title(string? subject)
    {
        var text = HeaderText.Clean(subject ?? "");
        string before;
        do
        {
            before = text;
            text = Prefix().Replace(text, "").Trim();
            text = Tag().Replace(text, "").Trim();
        }
        while (text != before);
        return text;
    }

    /// <summary>Message ids compare without their angle brackets and surrounding space; the local part is case-sensitive.</summary>
    public static string Normalise(string id) => id.Trim().TrimStart('<').TrimEnd('>').Trim();

    [GeneratedRegex(@"\[((?:INC|REQ|PRB)\d{7,})\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    // Re, Fw, Fwd and their common translations (AW, WG, SV, VS, RV, TR, Antw, Odp).
    [GeneratedRegex(@"^(?:(?:re|fw|fwd|aw|wg|sv|vs|rv|tr|antw|odp)(?:\[\d+\])?\s*:\s*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();
}
