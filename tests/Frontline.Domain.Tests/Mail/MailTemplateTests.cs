using Frontline.Domain.Mail;

namespace Frontline.Domain.Tests.Mail;

public class MailTemplateTests
{
    [Fact]
    public void Placeholders_are_filled_with_the_values_as_text()
    {
        var text = MailTemplate.Render("{{ticket.number}}: {{reply.body}}", new Dictionary<string, string> { ["ticket.number"] = "INC0000001", ["reply.body"] = "{{desk.name}}" });

        Assert.Equal("INC0000001: {{desk.name}}", text);
    }

    [Fact]
    public void A_template_with_an_unknown_placeholder_or_stray_braces_is_refused()
    {
        Assert.True(MailTemplate.Check("body", "Hello {{requester.name}}", 1000).IsOk);
        Assert.Contains("{{ticket.secret}}", MailTemplate.Check("body", "{{ticket.secret}}", 1000).Error);
        Assert.False(MailTemplate.Check("body", "{{ ticket.number }}", 1000).IsOk);
        Assert.False(MailTemplate.Check("body", "{{ticket.number}", 1000).IsOk);
        Assert.False(MailTemplate.Check("body", "  ", 1000).IsOk);
        Assert.False(MailTemplate.Check("body", new string('a', 1001), 1000).IsOk);
    }
}
