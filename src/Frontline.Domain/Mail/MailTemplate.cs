using System.Text;
using System.Text.RegularExpressions;

namespace Frontline.Domain.Mail;

/// <summary>The notifications the desk sends by mail, each with a template per language.</summary>
public enum NotificationKind
{
    Created,
    Replied,
    Resolved,
    Survey,
    SenderRejected,
}

/// <summary>
/// Notification templates with placeholders like {{ticket.number}}. Placeholders are looked up in a
/// fixed table of values, never evaluated, so an admin's template cannot run code or read anything the
/// desk did not hand it; a name outside the table is refused when the template is saved.
/// </summary>
public static partial class MailTemplate
{
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "ticket.number", "ticket.title", "ticket.status", "ticket.link", "requester.name",
        "reply.author", "reply.body", "resolution.notes", "desk.name",
        "survey.link", "survey.one", "survey.two", "survey.three", "survey.four", "survey.five",
    ];

    /// <summary>Checks a template an admin wrote: only known placeholders, balanced braces, not empty.</summary>
    public static Result<string> Check(string field, string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<string>.Fail(field, "A template cannot be empty.");
        }
        if (text.Length > maxLength)
        {
            return Result<string>.Fail(field, $"A template is at most {maxLength} characters.");
        }
        foreach (Match m in Placeholder().Matches(text))
        {
            if (!Placeholders.Contains(m.Groups[1].Value))
            {
                return Result<string>.Fail(field, $"Unknown placeholder {{{{{m.Groups[1].Value}}}}}; known are {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))}.");
            }
        }
        var rest = Placeholder().Replace(text, "");
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
        {
            return Result<string>.Fail(field, "A placeholder is written {{name}}, with a known name and no spaces.");
        }
        return Result<string>.Ok(text);
    }

    /// <summary>Fills the placeholders. Values are inserted as text; a value is never read as a template itself.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder(template.Length + 256);
        var last = 0;
        foreach (Match m in Placeholder().Matches(template))
        {
            text.Append(template, last, m.Index - last);
            text.Append(values.GetValueOrDefault(m.Groups[1].Value, ""));
            last = m.Index + m.Length;
        }
        text.Append(template, last, template.Length - last);
        return text.ToString();
    }

    [GeneratedRegex(@"\{\{([a-z]+\.[a-z]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
