using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.Tickets;

public class TicketFieldsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\u0007")]
    public void A_ticket_needs_a_title(string? title)
    {
        Assert.Equal("title", TicketFields.Title(title).Field);
    }

    [Fact]
    public void A_title_is_trimmed_and_loses_control_characters()
    {
        Assert.Equal("VPN down", TicketFields.Title("  VPN\r\n down ").Value);
        Assert.Equal("VPNdown", TicketFields.Title("VPN\u0000down").Value);
    }

    [Fact]
    public void A_title_over_the_limit_is_refused()
    {
        Assert.True(TicketFields.Title(new string('a', TicketFields.TitleMaxLength)).IsOk);
        Assert.Equal("title", TicketFields.Title(new string('a', TicketFields.TitleMaxLength + 1)).Field);
    }

    [Fact]
    public void A_description_keeps_its_lines_in_one_form()
    {
        Assert.Equal("line one\nline two", TicketFields.Description("line one\r\nline two\u0007\n").Value);
    }

    [Fact]
    public void A_long_description_is_refused_with_a_hint_to_attach()
    {
        var result = TicketFields.Description(new string('x', TicketFields.DescriptionMaxLength + 1));

        Assert.Contains("attach", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_configuration_item_is_none()
    {
        Assert.Null(TicketFields.ConfigurationItem("  ").Value);
        Assert.Equal("laptop-042", TicketFields.ConfigurationItem(" laptop-042 ").Value);
        Assert.Equal("configurationItem", TicketFields.ConfigurationItem(new string('c', 201)).Field);
    }

    [Fact]
    public void Tags_are_normalised_and_deduplicated()
    {
        var tags = TicketFields.Tags(["VPN Outage", "vpn-outage", " ", "Wi-Fi"]);

        Assert.Equal(["vpn-outage", "wi-fi"], tags.Value);
    }

    [Fact]
    public void A_tag_with_odd_characters_is_refused()
    {
        Assert.Equal("tags", TicketFields.Tags(["c#/.net"]).Field);
    }

    [Fact]
    public void Too_many_tags_are_refused()
    {
        var result = TicketFields.Tags(Enumerable.Range(0, TicketFields.TagsPerTicket + 1).Select(i => $"tag{i}"));

        Assert.Equal("tags", result.Field);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Tier_is_one_to_three(int tier, bool ok)
    {
        Assert.Equal(ok, TicketFields.Tier(tier).IsOk);
    }

    [Fact]
    public void Only_changed_fields_are_tracked_in_invariant_text()
    {
        var changes = new List<FieldChange>();

        TicketFields.Track(changes, "priority", Priority.P3, Priority.P3);
        TicketFields.Track(changes, "estimate", 1.5, 2.25);
        TicketFields.Track(changes, "owner", null, "amara");

        Assert.Equal([new FieldChange("estimate", "1.5", "2.25"), new FieldChange("owner", null, "amara")], changes);
    }

    [Theory]
    [InlineData("INC0000123", TicketKind.Incident, 123)]
    [InlineData("req0000001", TicketKind.Request, 1)]
    [InlineData("PRB12345678", TicketKind.Problem, 12345678)]
    public void Ticket_numbers_read_back_into_kind_and_sequence(string text, TicketKind kind, long sequence)
    {
        Assert.True(TicketNumber.TryParse(text, out var parsedKind, out var parsedSequence));
        Assert.Equal((kind, sequence), (parsedKind, parsedSequence));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("INC")]
    [InlineData("XYZ0000001")]
    [InlineData("INC00000A1")]
    [InlineData("INC0000000")]
    public void Anything_else_is_not_a_ticket_number(string? text)
    {
        Assert.False(TicketNumber.TryParse(text, out _, out _));
    }

    [Fact]
    public void Ticket_numbers_are_formatted_with_seven_digits()
    {
        Assert.Equal("REQ0000042", TicketNumber.Format(TicketKind.Request, 42));
    }
}
