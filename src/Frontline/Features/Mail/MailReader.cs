using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Frontline.Domain.Mail;
using Ganss.Xss;
using MimeKit;

namespace Frontline.Features.Mail;

/// <summary>A file carried by a message: an attachment, an inline image, a forwarded message or an invitation.</summary>
public sealed record MailFile(string FileName, string ContentType, byte[] Content);

/// <summary>An arriving message as the desk uses it: the facts for the rules, the text to show, the files to keep.</summary>
public sealed record ParsedMail(InboundFacts Facts, string? FromName, string Text, IReadOnlyList<MailFile> Files, string? Language, IReadOnlyList<string> FailedRecipients);

/// <summary>
/// Reads a MIME message with MimeKit, which decodes every common charset and RFC 2047 encoded word.
/// HTML is sanitised and reduced to text (the ticket shows Markdown, never the sender's markup).
/// </summary>
public static partial class MailReader
{
    private static readonly HtmlSanitizer Sanitizer = new();

    static MailReader() => UseAllCharsets();

    /// <summary>
    /// Shift_JIS, ISO-2022-JP, windows-125x and friends live in the code pages provider. It must be registered
    /// before MimeKit first looks up a charset (it keeps the table it found), so the host does it at start.
    /// </summary>
    public static void UseAllCharsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>How a message is known for duplicate detection: its Message-ID, or the hash of its bytes when it has none.</summary>
    public static string KeyOf(MimeMessage? message, byte[] raw) =>
        message?.MessageId is { Length: > 0 } id ? Truncate(MailThreading.Normalise(id), 500) : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));

    public static MimeMessage? TryLoad(byte[] raw)
    {
        if (!StartsWithHeader(raw))
        {
            return null;
        }
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            return MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A message starts with a header field ("Name: value") on a first line of at most 998 characters (RFC 5322),
    /// or with an mbox "From " line. Anything else is refused before the parser, which would otherwise spend
    /// its time looking for headers in megabytes of something else.
    /// </summary>
    private static bool StartsWithHeader(byte[] raw)
    {
        var line = raw.AsSpan(0, Math.Min(raw.Length, 1000));
        var end = line.IndexOfAny((byte)'\r', (byte)'\n');
        if (end < 0)
        {
            return false;
        }
        var first = line[..end];
        var colon = first.IndexOf((byte)':');
        return first.StartsWith("From "u8) || (colon > 0 && !first[..colon].ContainsAny((byte)' ', (byte)'\t'));
    }

    public static ParsedMail Read(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var report = message.Body as MultipartReport;
        var isReport = report is not null && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase);
        var reported = message.BodyParts.OfType<MessagePart>().Select(p => p.Message?.MessageId).OfType<string>().ToList();
        var facts = new InboundFacts(
            From: (from?.Address ?? "").Trim().ToLowerInvariant(),
            Subject: message.Subject ?? "",
            MessageId: message.MessageId,
            InReplyTo: message.InReplyTo is { Length: > 0 } reply ? [reply] : [],
            References: [.. message.References],
            AutoSubmitted: message.Headers["Auto-Submitted"],
            Precedence: message.Headers["Precedence"],
            HasAutoReplyHeader: message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond"),
            HasListHeader: message.Headers.Contains("List-Id") || message.Headers.Contains("List-Unsubscribe"),
            ReturnPath: message.Headers["Return-Path"]?.Trim(),
            IsDeliveryReport: isReport,
            ReportedMessageIds: isReport ? reported : []);
        var text = BodyText(message);
        var calendar = message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.ContentType.IsMimeType("text", "calendar"));
        if (calendar is not null && CalendarSummary(calendar.Text) is { } invite)
        {
            text = (text.Length == 0 ? "" : text + "\n\n") + invite;
        }
        var failed = message.BodyParts.OfType<MessageDeliveryStatus>()
            .SelectMany(s => s.StatusGroups.Skip(1))
            .Select(g => g["Final-Recipient"] ?? g["Original-Recipient"])
            .OfType<string>()
            .Select(r => r.Split(';', 2)[^1].Trim())
            .ToList();
        return new ParsedMail(facts, string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name.Trim(), text, Files(message), Language(message), failed);
    }

    private static string BodyText(MimeMessage message)
    {
        if (message.TextBody is { } plain && plain.Trim().Length > 0)
        {
            return Normalise(plain);
        }
        return message.HtmlBody is { } html ? HtmlToText(html) : "";
    }

    /// <summary>The HTML sanitised, then written out as text: paragraphs and breaks kept, quotes as "&gt; ", links with their address.</summary>
    public static string HtmlToText(string html)
    {
        var safe = Sanitizer.Sanitize(html);
        var document = new HtmlParser().ParseDocument("<body>" + safe + "</body>");
        var text = new StringBuilder();
        Walk(document.Body!, text, 0);
        return Normalise(text.ToString());
    }

    private static void Walk(INode node, StringBuilder text, int quoteDepth)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(Whitespace().Replace(t.Data, " "));
                    break;
                case IElement { TagName: "BR" }:
                    NewLine(text, quoteDepth);
                    break;
                case IElement { TagName: "BLOCKQUOTE" } e:
                    NewLine(text, quoteDepth + 1);
                    Walk(e, text, quoteDepth + 1);
                    NewLine(text, quoteDepth);
                    break;
                case IElement { TagName: "A" } a when a.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase) && a.TextContent.Trim() != href:
                    Walk(a, text, quoteDepth);
                    text.Append(" (").Append(href).Append(')');
                    break;
                case IElement { TagName: "LI" } li:
                    NewLine(text, quoteDepth);
                    text.Append("- ");
                    Walk(li, text, quoteDepth);
                    break;
                case IElement { TagName: "P" or "DIV" or "TR" or "H1" or "H2" or "H3" or "H4" or "H5" or "H6" or "UL" or "OL" or "TABLE" or "HR" or "PRE" } block:
                    NewLine(text, quoteDepth);
                    Walk(block, text, quoteDepth);
                    NewLine(text, quoteDepth);
                    break;
                case IElement { TagName: "TD" or "TH" } cell:
                    Walk(cell, text, quoteDepth);
                    text.Append(' ');
                    break;
                case IElement other:
                    Walk(other, text, quoteDepth);
                    break;
            }
        }
    }

    private static void NewLine(StringBuilder text, int quoteDepth)
    {
        text.Append('\n');
        if (quoteDepth > 0)
        {
            text.Append(new string('>', quoteDepth)).Append(' ');
        }
    }

    /// <summary>Unix line ends, no trailing spaces, at most one empty line in a row.</summary>
    private static string Normalise(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.Replace('\u00a0', ' ').TrimEnd());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Trim().Length == 0 || line.Trim() == ">" ? blank + 1 : 0;
            if (blank <= 1)
            {
                result.Append(line).Append('\n');
            }
        }
        return result.ToString().Trim();
    }

    /// <summary>Every part that is not the text shown: attachments, inline images, forwarded messages, invitations.</summary>
    private static List<MailFile> Files(MimeMessage message)
    {
        var files = new List<MailFile>();
        foreach (var entity in message.BodyParts)
        {
            switch (entity)
            {
                case MessagePart forwarded when forwarded.Message is not null:
                    using (var bytes = new MemoryStream())
                    {
                        forwarded.Message.WriteTo(bytes);
                        var name = forwarded.ContentDisposition?.FileName ?? (MailThreading.Title(forwarded.Message.Subject) is { Length: > 0 } s ? s + ".eml" : "forwarded.eml");
                        files.Add(new MailFile(name, "message/rfc822", bytes.ToArray()));
                    }
                    break;
                case TextPart text when !text.IsAttachment && (text.IsPlain || text.IsHtml):
                    break;
                case MimePart part:
                    using (var bytes = new MemoryStream())
                    {
                        part.Content?.DecodeTo(bytes);
                        var name = part.FileName ?? (part.ContentType.IsMimeType("text", "calendar") ? "invite.ics" : (part.ContentId is { } cid ? MailThreading.Normalise(cid) : "attachment") + Extension(part.ContentType));
                        files.Add(new MailFile(name, part.ContentType.MimeType.ToLowerInvariant(), bytes.ToArray()));
                    }
                    break;
            }
        }
        return files;
    }

    private static string Extension(ContentType type) =>
        MimeTypes.TryGetExtension(type.MimeType, out var extension) ? extension : "";

    private static string? Language(MimeMessage message)
    {
        // MimeKit keeps Content-* headers with the body part they describe.
        var language = message.Headers["Content-Language"] ?? message.Body?.Headers["Content-Language"] ?? message.Headers["Accept-Language"];
        var first = language?.Split(',', ';')[0].Trim();
        return string.IsNullOrEmpty(first) ? null : first.Split('-')[0].ToLowerInvariant();
    }

    /// <summary>"Calendar invitation: Network maintenance, 2026-11-30 09:00 (Europe/Berlin)" from the invite's first event.</summary>
    private static string? CalendarSummary(string ics)
    {
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\n ", "", StringComparison.Ordinal);
        var summary = CalendarField().Matches(unfolded).FirstOrDefault(m => m.Groups[1].Value == "SUMMARY")?.Groups[3].Value.Trim();
        var start = CalendarField().Matches(unfolded).FirstOrDefault(m => m.Groups[1].Value == "DTSTART");
        if (summary is null && start is null)
        {
            return null;
        }
        var when = start is null ? "" : ", " + start.Groups[3].Value.Trim() + (start.Groups[2].Value.Contains("TZID=", StringComparison.Ordinal) ? $" ({start.Groups[2].Value.Split("TZID=")[1].Split(';')[0]})" : "");
        return $"Calendar invitation: {summary ?? "(no title)"}{when}";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(SUMMARY|DTSTART)((?:;[^:\r\n]*)?):(.*)$", RegexOptions.Multiline)]
    private static partial Regex CalendarField();
}
