using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace Frontline.Components.Shared;

/// <summary>
/// Turns what people type (Markdown from the portal, mail and the API) into HTML that is safe to show.
/// Markdown is parsed with raw HTML disabled, and the result is sanitised anyway, because a ticket's
/// text comes from anyone and is read by agents with more rights than its author.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public MarkupString Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return new MarkupString("");
        }
        var html = Markdown.ToHtml(markdown, pipeline);
        return new MarkupString(sanitizer.Sanitize(html));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Links in tickets lead off the desk: they must not reach back into this window.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
                link.SetAttribute("target", "_blank");
            }
        };
        return sanitizer;
    }
}
