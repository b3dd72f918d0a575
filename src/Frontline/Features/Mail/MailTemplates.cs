using Frontline.Data;
using Frontline.Domain.Mail;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Mail;

public sealed record TemplateText(string Subject, string Body);

public sealed record TemplateView(NotificationKind Kind, string Language, string Subject, string Body, bool Edited);

/// <summary>
/// The notification texts: built in for English and German, each replaceable by an admin per language.
/// A language without a text of its own falls back to English.
/// </summary>
public sealed class MailTemplates(FrontlineDb db)
{
    public const int MaxLength = 20000;

    public static readonly IReadOnlyDictionary<(NotificationKind, string), TemplateText> BuiltIn = new Dictionary<(NotificationKind, string), TemplateText>
    {
        [(NotificationKind.Created, "en")] = new("{{ticket.title}}", "Hello {{requester.name}},\n\nwe have your request and filed it as {{ticket.number}}. Reply to this mail to add anything; keep the [{{ticket.number}}] in the subject.\n\nFollow it at {{ticket.link}}\n\n{{desk.name}}"),
        [(NotificationKind.Replied, "en")] = new("{{ticket.title}}", "{{reply.author}} wrote:\n\n{{reply.body}}\n\nReply to this mail to answer. {{ticket.link}}\n\n{{desk.name}}"),
        [(NotificationKind.Resolved, "en")] = new("Resolved: {{ticket.title}}", "Hello {{requester.name}},\n\n{{ticket.number}} is resolved:\n\n{{resolution.notes}}\n\nIf it is not, reply to this mail and we will pick it up again. {{ticket.link}}\n\n{{desk.name}}"),
        [(NotificationKind.Survey, "en")] = new("How did we do? {{ticket.title}}", "Hello {{requester.name}},\n\nhow satisfied are you with how {{ticket.number}} was handled? One click is enough:\n\n5 very satisfied: {{survey.five}}\n4 satisfied: {{survey.four}}\n3 neither: {{survey.three}}\n2 dissatisfied: {{survey.two}}\n1 very dissatisfied: {{survey.one}}\n\nThe page that opens asks a few more questions, all optional.\n\n{{desk.name}}"),
        [(NotificationKind.SenderRejected, "en")] = new("Your mail was not accepted", "Hello,\n\nthis service desk only takes mail from people it knows, so your message was not filed. Please use the portal or ask your IT contact.\n\n{{desk.name}}"),
        [(NotificationKind.Created, "de")] = new("{{ticket.title}}", "Hallo {{requester.name}},\n\nwir haben Ihre Anfrage erhalten und unter {{ticket.number}} erfasst. Antworten Sie auf diese Mail, um etwas zu ergänzen; lassen Sie [{{ticket.number}}] im Betreff stehen.\n\nZum Ticket: {{ticket.link}}\n\n{{desk.name}}"),
        [(NotificationKind.Replied, "de")] = new("{{ticket.title}}", "{{reply.author}} schreibt:\n\n{{reply.body}}\n\nAntworten Sie auf diese Mail, um zu antworten. {{ticket.link}}\n\n{{desk.name}}"),
        [(NotificationKind.Resolved, "de")] = new("Gelöst: {{ticket.title}}", "Hallo {{requester.name}},\n\n{{ticket.number}} ist gelöst:\n\n{{resolution.notes}}\n\nFalls nicht, antworten Sie auf diese Mail, und wir nehmen es wieder auf. {{ticket.link}}\n\n{{desk.name}}"),
        [(NotificationKind.Survey, "de")] = new("Wie war es? {{ticket.title}}", "Hallo {{requester.name}},\n\nwie zufrieden sind Sie mit der Bearbeitung von {{ticket.number}}? Ein Klick genügt:\n\n5 sehr zufrieden: {{survey.five}}\n4 zufrieden: {{survey.four}}\n3 weder noch: {{survey.three}}\n2 unzufrieden: {{survey.two}}\n1 sehr unzufrieden: {{survey.one}}\n\nDie Seite, die sich öffnet, stellt noch ein paar Fragen, alle freiwillig.\n\n{{desk.name}}"),
        [(NotificationKind.SenderRejected, "de")] = new("Ihre Mail wurde nicht angenommen", "Hallo,\n\ndieser Service Desk nimmt nur Mail von bekannten Absendern an; Ihre Nachricht wurde nicht erfasst. Bitte nutzen Sie das Portal oder wenden Sie sich an Ihre IT.\n\n{{desk.name}}"),
    };

    public static IReadOnlyList<string> Languages => [.. BuiltIn.Keys.Select(k => k.Item2).Distinct()];

    public async Task<TemplateText> ForAsync(NotificationKind kind, string language, CancellationToken cancellationToken)
    {
        foreach (var lang in new[] { language, "en" })
        {
            var edited = await db.MailTemplates.AsNoTracking().Where(t => t.Kind == kind && t.Language == lang).Select(t => new TemplateText(t.Subject, t.Body)).SingleOrDefaultAsync(cancellationToken);
            if (edited is not null)
            {
                return edited;
            }
            if (BuiltIn.TryGetValue((kind, lang), out var builtIn))
            {
                return builtIn;
            }
        }
        return BuiltIn[(kind, "en")];
    }

    public async Task<List<TemplateView>> ListAsync(CancellationToken cancellationToken)
    {
        var edited = await db.MailTemplates.AsNoTracking().ToListAsync(cancellationToken);
        var languages = Languages.Union(edited.Select(e => e.Language)).Order(StringComparer.Ordinal);
        return [.. from kind in Enum.GetValues<NotificationKind>()
                   from lang in languages
                   let own = edited.SingleOrDefault(e => e.Kind == kind && e.Language == lang)
                   let text = own is null ? BuiltIn.GetValueOrDefault((kind, lang)) : new TemplateText(own.Subject, own.Body)
                   where text is not null
                   select new TemplateView(kind, lang, text.Subject, text.Body, own is not null)];
    }

    /// <summary>Stores an admin's text after checking it; null restores the built-in text.</summary>
    public async Task<Domain.Result<TemplateView>> SaveAsync(NotificationKind kind, string language, string? subject, string? body, DateTime now, CancellationToken cancellationToken)
    {
        var lang = language.Trim().ToLowerInvariant();
        if (!Enum.IsDefined(kind) || lang.Length is 0 or > 20 || !lang.All(c => char.IsAsciiLetterLower(c) || c == '-'))
        {
            return Domain.Result<TemplateView>.Fail("language", "Name a notification (created, replied, resolved, survey, senderRejected) and a language code such as en or de.");
        }
        var checkedSubject = MailTemplate.Check("subject", subject, 500);
        var checkedBody = checkedSubject.IsOk ? MailTemplate.Check("body", body, MaxLength) : checkedSubject;
        if (!checkedBody.IsOk)
        {
            return Domain.Result<TemplateView>.Fail(checkedBody.Field!, checkedBody.Error!);
        }
        var existing = await db.MailTemplates.SingleOrDefaultAsync(t => t.Kind == kind && t.Language == lang, cancellationToken);
        if (existing is null)
        {
            db.MailTemplates.Add(existing = new MailTemplateText { Kind = kind, Language = lang, Subject = "", Body = "" });
        }
        (existing.Subject, existing.Body, existing.UpdatedAt) = (HeaderText.Clean(checkedSubject.Value), checkedBody.Value, now);
        await db.SaveChangesAsync(cancellationToken);
        return Domain.Result<TemplateView>.Ok(new TemplateView(kind, lang, existing.Subject, existing.Body, true));
    }
}
