using Frontline.Domain.Mail;
using Frontline.Features.Mail;
using MimeKit;

namespace Frontline.Tests.Mail;

/// <summary>Real-world message shapes, read the way the intake reads them.</summary>
public class MailCorpusTests
{
    private static readonly string[] Own = ["desk@frontline.test"];

    public static ParsedMail Read(string file) =>
        MailReader.Read(MailReader.TryLoad(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Mail", "MailCorpus", file)))!);

    private static MailKind Kind(ParsedMail mail) => MailClassifier.Classify(mail.Facts, Own, 0, 30).Kind;

    [Fact]
    public void Multipart_alternative_shows_the_plain_text_part()
    {
        var mail = Read("multipart-alternative.eml");

        Assert.Equal("Hi,\n\nthe VPN drops every hour since Monday.\n\nOlivia", mail.Text);
        Assert.Equal(("olivia@demo.frontline.local", "Olivia Brown", "VPN drops every hour", "alt-1@mail.example.com"), (mail.Facts.From, mail.FromName, mail.Facts.Subject, mail.Facts.MessageId));
        Assert.Empty(mail.Files);
        Assert.Equal(MailKind.Personal, Kind(mail));
    }

    [Fact]
    public void Html_only_mail_is_sanitised_to_text_with_paragraphs_lists_and_link_addresses()
    {
        var mail = Read("html-only.eml");

        Assert.Equal("Printer on floor 3 is jammed.\n\nSee the wiki (https://wiki.example.com/printers)\n\n- Tray 1\n- Tray 2", mail.Text);
        Assert.DoesNotContain("alert", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("steal", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Iso_8859_1_body_and_encoded_words_are_decoded_and_the_language_kept()
    {
        var mail = Read("iso-8859-1.eml");

        Assert.Equal("Grüße aus Köln: die Außenstelle hat kein Netz. Bitte prüfen.", mail.Text);
        Assert.Equal(("Störung im Büro Köln", "Jürgen Müller", "de"), (mail.Facts.Subject, mail.FromName, mail.Language));
    }

    [Fact]
    public void Shift_jis_body_and_encoded_words_are_decoded()
    {
        var mail = Read("shift-jis.eml");

        Assert.Equal("お疲れ様です。三階のプリンターが動きません。", mail.Text);
        Assert.Equal(("プリンターが動きません", "田中 太郎"), (mail.Facts.Subject, mail.FromName));
    }

    [Fact]
    public void An_inline_image_is_kept_as_a_file()
    {
        var mail = Read("inline-image.eml");

        Assert.Equal("This is what I see:", mail.Text);
        var image = Assert.Single(mail.Files);
        Assert.Equal(("screenshot.png", "image/png"), (image.FileName, image.ContentType));
        Assert.Equal(0x89, image.Content[0]);
    }

    [Fact]
    public void A_message_forwarded_as_attachment_is_kept_as_an_eml_file()
    {
        var mail = Read("forwarded-attachment.eml");

        Assert.Equal("Can you renew this please?", mail.Text);
        var forwarded = Assert.Single(mail.Files);
        Assert.Equal(("Licence expiry notice.eml", "message/rfc822"), (forwarded.FileName, forwarded.ContentType));
    }

    [Fact]
    public void A_message_forwarded_inline_keeps_the_forwarded_text_for_a_new_ticket()
    {
        var mail = Read("forwarded-inline.eml");

        Assert.Contains("Your licence for CAD Pro expires on 30 November.", mail.Text, StringComparison.Ordinal);
        Assert.Equal("Licence expiry notice", MailThreading.Title(mail.Facts.Subject));
    }

    [Fact]
    public void A_calendar_invite_is_summarised_and_kept_as_an_ics_file()
    {
        var mail = Read("calendar-invite.eml");

        Assert.EndsWith("Calendar invitation: Network maintenance window, 20261130T090000 (Europe/Berlin)", mail.Text, StringComparison.Ordinal);
        Assert.Equal(("invite.ics", "text/calendar"), (mail.Files.Single().FileName, mail.Files.Single().ContentType));
    }

    [Theory]
    [InlineData("outlook-reply.eml", "Thanks, that fixed it.\n\nOlivia Brown\nFinance")]
    [InlineData("gmail-reply.eml", "It happened again just now.")]
    public void Replies_lose_their_quoted_history_and_signature(string file, string shown)
    {
        var mail = Read(file);

        Assert.Equal(new TrimmedReply(shown, true), ReplyText.Trim(mail.Text));
        Assert.Equal("INC0000123", MailThreading.Decide(mail.Facts, new Dictionary<string, string>()));
        Assert.Contains("n1@frontline.test", MailThreading.IdsToLookUp(mail.Facts));
    }

    [Theory]
    [InlineData("out-of-office-auto-submitted.eml")]
    [InlineData("out-of-office-x-autoreply.eml")]
    [InlineData("precedence-bulk.eml")]
    [InlineData("precedence-list.eml")]
    public void Auto_replies_and_list_mail_are_loops(string file)
    {
        Assert.Equal(MailKind.Loop, Kind(Read(file)));
    }

    [Fact]
    public void A_delivery_status_report_is_a_bounce_about_the_desks_message()
    {
        var mail = Read("dsn-bounce.eml");

        Assert.Equal(MailKind.Bounce, Kind(mail));
        Assert.Equal(["n1@frontline.test"], mail.Facts.ReportedMessageIds);
        Assert.Equal(["olivia@gone.example"], mail.FailedRecipients);
    }

    [Fact]
    public void A_big_attachment_is_read_whole()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("olivia@demo.frontline.local"));
        message.Subject = "Crash dump";
        var body = new BodyBuilder { TextBody = "The dump is attached." };
        body.Attachments.Add("payroll.dmp", new byte[25 * 1024 * 1024], new ContentType("application", "octet-stream"));
        message.Body = body.ToMessageBody();
        using var raw = new MemoryStream();
        message.WriteTo(raw);

        var mail = MailReader.Read(MailReader.TryLoad(raw.ToArray())!);

        Assert.Equal(25 * 1024 * 1024, Assert.Single(mail.Files).Content.Length);
    }
}
