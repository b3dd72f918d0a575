using System.Text.RegularExpressions;

namespace Frontline.Domain.Mail;

/// <summary>The part of a reply worth showing, and whether anything was cut (the original is always kept).</summary>
public sealed record TrimmedReply(string Shown, bool Trimmed);

/// <summary>
/// Cuts the quoted history and the signature off a reply, so the ticket's timeline shows what the person
/// wrote this time. Clients mark history differently: Gmail and Apple "On … wrote:", Outlook a
/// "-----Original Message-----" line or a From:/Sent: block under a rule, everyone "&gt;" quotes; a
/// signature starts at "-- " (RFC 3676) or a phone's "Sent from my …".
/// </summary>
public static partial class ReplyText
{
    public static TrimmedReply Trim(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var cut = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsHistory(lines, i))
            {
                cut = i;
                break;
            }
        }
        // Trailing ">" quotes without an attribution line (some clients write none).
        var end = cut;
        while (end > 0 && (lines[end - 1].StartsWith('>') || lines[end - 1].Trim().Length == 0))
        {
            end--;
        }
        if (end > 0 && end < cut && lines.Take(end).Any(l => l.Trim().Length > 0))
        {
            cut = end;
        }
        var shown = string.Join('\n', lines.Take(cut)).Trim();
        // Never show nothing: a reply that is only a quote (or cut wrongly) is better shown whole.
        return shown.Length == 0 ? new(text.Trim(), false) : new(shown, cut < lines.Length && shown != text.Trim());
    }

    private static bool StartsHistory(string[] lines, int i)
    {
        var line = lines[i].TrimEnd();
        if (line == "--" || line == "-- " || lines[i] == "-- " || SentFrom().IsMatch(line) || OriginalMessage().IsMatch(line))
        {
            return true;
        }
        if (Wrote().IsMatch(line))
        {
            return true;
        }
        // "On Mon, 3 Nov 2026 at 10:12, Olivia <…>" with "wrote:" on the next line (Gmail wraps long attributions).
        if (line.StartsWith("On ", StringComparison.Ordinal) && i + 1 < lines.Length && lines[i + 1].TrimEnd().EndsWith("wrote:", StringComparison.Ordinal))
        {
            return true;
        }
        // Outlook: an underscore rule, or straight away a header block "From: … / Sent: …".
        if (OutlookRule().IsMatch(line) || HeaderLine().IsMatch(line))
        {
            var next = lines.Skip(line.StartsWith('_') ? i + 1 : i).SkipWhile(l => l.Trim().Length == 0).Take(2).ToList();
            return next.Count == 2 && next[0].StartsWith("From:", StringComparison.OrdinalIgnoreCase) || next.Count == 2 && HeaderLine().IsMatch(next[0]) && HeaderLine().IsMatch(next[1]);
        }
        return false;
    }

    [GeneratedRegex(@"^(On|Am|Le|El|Il|Op)\s.{4,200}(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\s?:$", RegexOptions.CultureInvariant)]
    private static partial Regex Wrote();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(Sent from my |Von meinem .* gesendet|Get Outlook for )", RegexOptions.CultureInvariant)]
    private static partial Regex SentFrom();

    [GeneratedRegex(@"^_{10,}$", RegexOptions.CultureInvariant)]
    private static partial Regex OutlookRule();

    [GeneratedRegex(@"^(From|Von|De|Sent|Gesendet|Envoyé|To|An|À|Subject|Betreff|Objet|Date|Datum):\s", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();
}
