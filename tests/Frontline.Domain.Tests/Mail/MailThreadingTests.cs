using Frontline.Domain.Mail;

namespace Frontline.Domain.Tests.Mail;

public class MailThreadingTests
{
    private static InboundFacts Mail(string subject = "Re: VPN", string[]? inReplyTo = null, string[]? references = null) =>
        new("olivia@example.com", subject, "m1@example.com", inReplyTo ?? [], references ?? []);

    [Fact]
    public void A_reply_belongs_to_the_ticket_of_the_message_it_answers()
    {
        var known = new Dictionary<string, string> { ["n1@desk"] = "INC0000007", ["n2@desk"] = "INC0000009" };

        Assert.Equal("INC0000009", MailThreading.Decide(Mail(inReplyTo: ["<n2@desk>"], references: ["<n1@desk>", "<n2@desk>"]), known));
    }

    [Fact]
    public void Without_in_reply_to_the_newest_known_reference_decides()
    {
        var known = new Dictionary<string, string> { ["n1@desk"] = "INC0000007", ["n2@desk"] = "INC0000009" };

        Assert.Equal("INC0000009", MailThreading.Decide(Mail(references: ["<n1@desk>", "<n2@desk>", "<unknown@x>"]), known));
    }

    [Fact]
    public void The_subject_tag_threads_when_no_message_id_is_known()
    {
        Assert.Equal("INC0000123", MailThreading.Decide(Mail("AW: [inc0000123] Drucker", inReplyTo: ["<lost@x>"]), new Dictionary<string, string>()));
        Assert.Null(MailThreading.Decide(Mail("VPN [INC12]"), new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("Re: RE: Fwd: [INC0000123] VPN drops", "VPN drops")]
    [InlineData("AW: WG: Drucker defekt", "Drucker defekt")]
    [InlineData("SV: Re[2]: Password", "Password")]
    [InlineData("Report: Q3 numbers", "Report: Q3 numbers")]
    public void A_subject_becomes_a_title_without_prefixes_or_tag(string subject, string title)
    {
        Assert.Equal(title, MailThreading.Title(subject));
    }

    [Fact]
    public void A_notification_subject_carries_the_tag_once()
    {
        Assert.Equal("[INC0000123] VPN drops", MailThreading.Tagged("INC0000123", "VPN drops"));
        Assert.Equal("Resolved: [INC0000123] VPN", MailThreading.Tagged("INC0000123", "Resolved: [INC0000123] VPN"));
    }

    [Fact]
    public void A_line_break_in_a_header_value_cannot_start_another_header()
    {
        Assert.Equal("VPN Bcc: attacker@example.com", HeaderText.Clean("VPN\r\nBcc: attacker@example.com"));
        Assert.Equal("ab", HeaderText.Clean("a\u0000b"));
    }
}
