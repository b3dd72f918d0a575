using System.Net;
using System.Text;
using Frontline.Domain.Knowledge;

namespace Frontline.Features.Knowledge;

/// <summary>A search snippet as safe HTML: the text encoded, the matched words in &lt;mark&gt;.</summary>
public static class Highlight
{
    public static string ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var run = new StringBuilder();
        var inMatch = false;
        foreach (var c in marked)
        {
            if (c is not (SearchText.MatchStart or SearchText.MatchEnd))
            {
                run.Append(c);
                continue;
            }
            Flush(html, run, inMatch);
            inMatch = c == SearchText.MatchStart;
        }
        Flush(html, run, inMatch);
        return html.ToString();
    }

    private static void Flush(StringBuilder html, StringBuilder run, bool match)
    {
        if (run.Length == 0)
        {
            return;
        }
        var text = WebUtility.HtmlEncode(run.ToString());
        html.Append(match ? $"<mark>{text}</mark>" : text);
        run.Clear();
    }
}
