using System.Globalization;

namespace Frontline.Domain.Tickets;

/// <summary>One line of a ticket's history: a field went from one value to another.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>Limits and normal forms for what people type into a ticket.</summary>
public static class TicketFields
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 64 * 1024;
    public const int ConfigurationItemMaxLength = 200;
    public const int TagMaxLength = 40;
    public const int TagsPerTicket = 20;

    public static Result<string> Title(string? title)
    {
        var trimmed = Clean(title);
        return trimmed.Length switch
        {
            0 => Result<string>.Fail("title", "Give the ticket a title."),
            > TitleMaxLength => Result<string>.Fail("title", $"Keep the title under {TitleMaxLength} characters."),
            _ => Result<string>.Ok(trimmed),
        };
    }

    public static Result<string> Description(string? description)
    {
        var text = (description ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return text.Length > DescriptionMaxLength
            ? Result<string>.Fail("description", $"Keep the description under {DescriptionMaxLength / 1024} KiB; attach longer logs as files.")
            : Result<string>.Ok(RemoveControlCharacters(text, keepNewlines: true));
    }

    public static Result<string?> ConfigurationItem(string? item)
    {
        var trimmed = Clean(item);
        return trimmed.Length > ConfigurationItemMaxLength
            ? Result<string?>.Fail("configurationItem", $"Keep the configuration item under {ConfigurationItemMaxLength} characters.")
            : Result<string?>.Ok(trimmed.Length == 0 ? null : trimmed);
    }

    /// <summary>Tags are lower case words joined by '-', so "VPN Outage" and "vpn-outage" are one tag.</summary>
    public static Result<IReadOnlyList<string>> Tags(IEnumerable<string>? tags)
    {
        var normal = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var words = Clean(raw).ToLower(CultureInfo.InvariantCulture)
                .Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
            var tag = string.Join('-', words);
            if (tag.Length == 0)
            {
                continue;
            }
            if (tag.Length > TagMaxLength || !tag.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return Result<IReadOnlyList<string>>.Fail("tags", $"\"{raw}\" is not a tag: use letters, digits, '-', '_' or '.', up to {TagMaxLength} characters.");
            }
            if (!normal.Contains(tag))
            {
                normal.Add(tag);
            }
        }
        return normal.Count > TagsPerTicket
            ? Result<IReadOnlyList<string>>.Fail("tags", $"A ticket takes at most {TagsPerTicket} tags.")
            : Result<IReadOnlyList<string>>.Ok(normal);
    }

    public static Result<int> Tier(int tier) =>
        tier is >= 1 and <= 3 ? Result<int>.Ok(tier) : Result<int>.Fail("tier", "Tier is 1, 2 or 3.");

    /// <summary>Appends a change when the value differs; history keeps text forms so it never needs a schema change.</summary>
    public static void Track<T>(ICollection<FieldChange> changes, string field, T before, T after)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            changes.Add(new FieldChange(field, Text(before), Text(after)));
        }
    }

    public static string? Text<T>(T value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(", ", list),
        _ => value.ToString(),
    };

    private static string Clean(string? text) => RemoveControlCharacters((text ?? "").Trim(), keepNewlines: false);

    private static string RemoveControlCharacters(string text, bool keepNewlines) =>
        text.Any(char.IsControl)
            ? new string(text.Where(c => !char.IsControl(c) || (keepNewlines && c is '\n' or '\t')).ToArray())
            : text;
}
