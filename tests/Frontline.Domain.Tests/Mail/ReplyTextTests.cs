using Frontline.Domain.Mail;

namespace Frontline.Domain.Tests.Mail;

public class ReplyTextTests
{
    [Fact]
    public void Gmail_history_and_the_signature_are_cut_from_the_shown_reply()
    {
        var trimmed = ReplyText.Trim("It happened again.\n\n-- \nOlivia | Finance\n\nOn Mon, 23 Nov 2026 at 10:00, Desk <desk@x> wrote:\n> Restart it.\n");

        Assert.Equal(new TrimmedReply("It happened again.", true), trimmed);
    }

    [Fact]
    public void An_attribution_wrapped_over_two_lines_still_starts_the_history()
    {
        Assert.Equal("Yes.", ReplyText.Trim("Yes.\n\nOn Mon, 23 Nov 2026 at 10:00, IT Service Desk <desk@frontline.test>\nwrote:\n> Is it fixed?").Shown);
    }

    [Fact]
    public void Outlook_history_under_a_rule_or_an_original_message_line_is_cut()
    {
        Assert.Equal("Thanks, fixed.\n\nOlivia", ReplyText.Trim("Thanks, fixed.\n\nOlivia\n\n________________________________\nFrom: Desk\nSent: Monday\nTo: Olivia\nSubject: VPN\n\nOld text").Shown);
        Assert.Equal("Danke.", ReplyText.Trim("Danke.\n\n-----Ursprüngliche Nachricht-----\nVon: Desk\nGesendet: Montag").Shown);
        Assert.Equal("Ok.", ReplyText.Trim("Ok.\n\nFrom: IT Service Desk <desk@frontline.test>\nSent: Monday, 23 November 2026 10:00\nTo: Olivia").Shown);
    }

    [Fact]
    public void Trailing_quotes_without_an_attribution_are_cut_but_quotes_inside_the_reply_stay()
    {
        Assert.Equal("> the VPN drops\nStill true.", ReplyText.Trim("> the VPN drops\nStill true.\n\n> old\n> older").Shown);
    }

    [Fact]
    public void A_reply_that_is_only_a_quote_is_shown_whole_rather_than_empty()
    {
        Assert.Equal(new TrimmedReply("> only a quote", false), ReplyText.Trim("> only a quote"));
        Assert.Equal(new TrimmedReply("Plain text, nothing to cut.", false), ReplyText.Trim("Plain text, nothing to cut.\n"));
    }

    [Fact]
    public void A_phone_signature_is_cut()
    {
        Assert.Equal("On my way.", ReplyText.Trim("On my way.\n\nSent from my iPhone").Shown);
    }
}
