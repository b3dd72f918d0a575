using Frontline.Domain.People;

namespace Frontline.Domain.Tests.People;

/// <summary>Names and organisations go into mail headers, so they are one line.</summary>
public class PersonFieldsTests
{
    [Theory]
    [InlineData("Eve\r\nBcc: everyone@example.com")]
    [InlineData("Eve\nX-Priority: 1")]
    [InlineData("Eve\rTo: boss@example.com")]
    [InlineData("Eve\u0085Bcc: x@example.com")]
    [InlineData("Eve\tTab")]
    public void A_display_name_with_a_line_break_or_control_character_is_refused(string given)
    {
        var name = PersonFields.DisplayName(given);

        Assert.Equal("displayName", name.Field);
    }

    [Fact]
    public void An_organisation_with_a_line_break_is_refused_and_an_empty_one_is_none()
    {
        Assert.Equal("organisation", PersonFields.Organisation("Finance\r\nBcc: x@example.com").Field);
        Assert.Null(PersonFields.Organisation("  ").Value);
    }

    [Fact]
    public void A_name_in_any_script_with_quotes_and_angle_brackets_is_kept_as_typed()
    {
        var name = PersonFields.DisplayName("  Zoë \"Z\" O'Neill <ops> 山田  ");

        Assert.Equal("Zoë \"Z\" O'Neill <ops> 山田", name.Value);
    }
}
