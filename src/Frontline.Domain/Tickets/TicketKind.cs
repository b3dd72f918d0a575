namespace Frontline.Domain.Tickets;

/// <summary>What a ticket is: something broke, something is wanted, or the cause behind repeated incidents.</summary>
public enum TicketKind
{
    Incident,
    Request,
    Problem,
}

public static class TicketNumber
{
    public const int Digits = 7;

    public static string Prefix(TicketKind kind) => kind switch
    {
        TicketKind.Incident => "INC",
        TicketKind.Request => "REQ",
        TicketKind.Problem => "PRB",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Format(TicketKind kind, long sequence) =>
        Prefix(kind) + sequence.ToString(new string('0', Digits), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads "INC0000123" (any case) back into its kind; false for anything else.</summary>
    public static bool TryParse(string? text, out TicketKind kind, out long sequence)
    {
        kind = default;
        sequence = 0;
        if (text is null || text.Length < 4 || text.Length > 3 + 12)
        {
            return false;
        }
        var prefix = text[..3].ToUpperInvariant();
        var known = Enum.GetValues<TicketKind>().Where(k => Prefix(k) == prefix).ToArray();
        if (known.Length != 1 || !text[3..].All(char.IsAsciiDigit))
        {
            return false;
        }
        kind = known[0];
        return long.TryParse(text[3..], System.Globalization.CultureInfo.InvariantCulture, out sequence) && sequence > 0;
    }
}
