using Frontline.Domain.Mail;

namespace Frontline.Domain.Tests.Mail;

public class MailClassifierTests
{
    private static readonly string[] Own = ["desk@frontline.test"];

    private static MailKind Kind(InboundFacts facts, int recent = 0, int limit = 30) => MailClassifier.Classify(facts, Own, recent, limit).Kind;

    private static InboundFacts From(string from) => new(from, "Hello", "m@x", [], []);

    [Fact]
    public void A_person_writing_is_personal_mail()
    {
        Assert.Equal(MailKind.Personal, Kind(From("olivia@example.com")));
        Assert.Equal(MailKind.Personal, Kind(From("olivia@example.com") with { AutoSubmitted = "no" }));
    }

    [Theory]
    [InlineData("auto-replied")]
    [InlineData("auto-generated")]
    [InlineData("auto-notified")]
    public void Anything_auto_submitted_is_never_answered(string value)
    {
        Assert.Equal(MailKind.Loop, Kind(From("olivia@example.com") with { AutoSubmitted = value }));
    }

    [Fact]
    public void Auto_replies_lists_and_bulk_mail_open_no_tickets()
    {
        Assert.Equal(MailKind.Loop, Kind(From("olivia@example.com") with { HasAutoReplyHeader = true }));
        Assert.Equal(MailKind.Loop, Kind(From("news@example.com") with { Precedence = "bulk" }));
        Assert.Equal(MailKind.Loop, Kind(From("news@example.com") with { Precedence = " List" }));
        Assert.Equal(MailKind.Loop, Kind(From("news@example.com") with { HasListHeader = true }));
    }

    [Fact]
    public void Mail_from_the_desks_own_address_is_a_loop()
    {
        Assert.Equal(MailKind.Loop, Kind(From("DESK@frontline.test")));
    }

    [Fact]
    public void A_sender_over_the_hourly_limit_is_held_as_a_loop()
    {
        Assert.Equal(MailKind.Personal, Kind(From("olivia@example.com"), recent: 29));
        Assert.Equal(MailKind.Loop, Kind(From("olivia@example.com"), recent: 30));
        Assert.Equal(MailKind.Personal, Kind(From("olivia@example.com"), recent: 1000, limit: 0));
    }

    [Fact]
    public void A_delivery_report_is_a_bounce_even_when_marked_auto_submitted()
    {
        Assert.Equal(MailKind.Bounce, Kind(From("mailer-daemon@mx.example.com") with { IsDeliveryReport = true, AutoSubmitted = "auto-replied" }));
        Assert.Equal(MailKind.Bounce, Kind(From("mailer-daemon@mx.example.com") with { ReturnPath = "<>" }));
        Assert.Equal(MailKind.Personal, Kind(From("postmaster@example.com") with { ReturnPath = "<postmaster@example.com>" }));
    }
}
