using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

/// <summary>
/// OTRS CVE-2009-5055 matched customers to companies by substring, so one tenant saw another's tickets. The only
/// place Frontline matches a tenant is a service-level policy's organisation, and it matches the whole name.
/// </summary>
public class TenantMatchingTests
{
    [Theory]
    [InlineData("evil-example.com")]
    [InlineData("example.com.evil")]
    [InlineData("sub.example.com")]
    [InlineData("example")]
    [InlineData("example.co")]
    [InlineData("%")]
    [InlineData("")]
    public void Cve_2009_5055_a_policy_for_one_organisation_never_applies_to_a_name_that_only_contains_or_resembles_it(string organisation)
    {
        var when = new PolicyConditions(Organisation: "example.com");

        var matched = when.Match(new PolicySubject(TicketKind.Incident, Priority.P3, null, organisation, IsVip: false), ClockScope.Sla);

        Assert.False(matched);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData(" EXAMPLE.com ")]
    public void Cve_2009_5055_the_same_organisation_matches_whatever_its_case_or_surrounding_spaces(string organisation)
    {
        var when = new PolicyConditions(Organisation: "example.com");

        Assert.True(when.Match(new PolicySubject(TicketKind.Incident, Priority.P3, null, organisation, IsVip: false), ClockScope.Sla));
    }
}
