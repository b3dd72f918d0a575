using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.Tickets;

public class AttachmentRulesTests
{
    [Theory]
    [InlineData(@"..\..\boot.ini", "boot.ini")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("report\r\n.pdf", "report.pdf")]
    [InlineData("a<b>c:d|e?.txt", "abcde.txt")]
    [InlineData("...hidden", "hidden")]
    [InlineData("", "attachment")]
    [InlineData(null, "attachment")]
    [InlineData("../", "attachment")]
    public void A_file_name_keeps_only_a_safe_last_segment(string? given, string expected)
    {
        Assert.Equal(expected, AttachmentRules.SafeFileName(given));
    }

    [Fact]
    public void A_long_file_name_is_cut_but_keeps_its_extension()
    {
        var name = AttachmentRules.SafeFileName(new string('a', 300) + ".pdf");

        Assert.Equal(AttachmentRules.FileNameMaxLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "application/octet-stream")]
    [InlineData("Image/PNG; charset=binary", "image/png")]
    [InlineData("application/vnd.ms-excel", "application/vnd.ms-excel")]
    public void A_content_type_is_reduced_to_a_bare_media_type(string? given, string expected)
    {
        Assert.Equal(expected, AttachmentRules.ContentType(given).Value);
    }

    [Theory]
    [InlineData("text/html\r\nX-Evil: 1")]
    [InlineData("not a type")]
    [InlineData("text/")]
    public void A_content_type_that_could_smuggle_a_header_is_refused(string given)
    {
        Assert.Equal("contentType", AttachmentRules.ContentType(given).Field);
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("application/pdf", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("text/html", false)]
    [InlineData("application/javascript", false)]
    public void Only_types_a_browser_cannot_run_script_from_are_labelled_as_themselves(string contentType, bool safe)
    {
        Assert.Equal(safe, AttachmentRules.IsSafeToLabel(contentType));
    }
}
