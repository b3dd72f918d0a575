using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Frontline.Features.ServiceLevels;
using Microsoft.Extensions.Configuration;

namespace Frontline.Tests.Api;

public sealed class ServiceLevelSettingsTests
{
    private static IReadOnlyList<ServiceLevelPolicy> PoliciesFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddServiceLevels(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IReadOnlyList<ServiceLevelPolicy>>();
    }

    private static TimeSpan ResolutionOf(IReadOnlyList<ServiceLevelPolicy> policies, Priority priority) =>
        policies.Single(p => p.When.Priority == priority).Clocks.Single(c => c.Kind == TargetKind.Resolution).Target;

    [Fact]
    public void ChangingOneTargetLeavesTheOthersAsTheyWere()
    {
        var policies = PoliciesFor(new() { ["ServiceLevels:Targets:P2:Resolution"] = "6:00", ["ServiceLevels:TimeZone"] = "America/New_York" });

        Assert.Equal(TimeSpan.FromHours(6), ResolutionOf(policies, Priority.P2));
        Assert.Equal(TimeSpan.FromHours(4), ResolutionOf(policies, Priority.P1));
        Assert.Equal(5, policies.Count);
    }

    [Theory]
    [InlineData("ServiceLevels:TimeZone", "Mars/Olympus_Mons", "ServiceLevels:TimeZone")]
    [InlineData("ServiceLevels:Targets:P3:Response", "four hours", "ServiceLevels:Targets:P3")]
    [InlineData("ServiceLevels:OfficeHours:0", "25:00-26:00", "")]
    public void AnUnreadableSettingStopsTheStartAndNamesItself(string key, string value, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => PoliciesFor(new() { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASupplierRunsItsContractOnItsOwnCalendar()
    {
        var setup = SetupFor(new()
        {
            ["ServiceLevels:Calendars:Sydney:TimeZone"] = "Australia/Sydney",
            ["ServiceLevels:Calendars:Sydney:Hours:Weekdays:0"] = "08:00-12:00",
            ["ServiceLevels:Calendars:Sydney:Hours:Weekdays:1"] = "13:00-17:00",
            ["ServiceLevels:Calendars:Sydney:Exceptions:2026-12-24:0"] = "closed",
            ["ServiceLevels:Suppliers:0:Name"] = "Southern Cross IT",
            ["ServiceLevels:Suppliers:0:Calendar"] = "Sydney",
            ["ServiceLevels:Suppliers:0:Resolution"] = "16:00",
        });

        var uc = setup.Policies.Single(p => p.When.Supplier == "Southern Cross IT").Clocks.Single();

        Assert.Equal((Agreement.Uc, TimeSpan.FromHours(16)), (uc.Agreement, uc.Target));
        Assert.Equal("Australia/Sydney", uc.Calendar.TimeZone.Id);
        Assert.Empty(uc.Calendar.ShiftsOn(new DateOnly(2026, 12, 24)));
        Assert.Equal(2, uc.Calendar.ShiftsOn(new DateOnly(2026, 12, 23)).Count);
    }

    [Fact]
    public void AGroupsOlaPolicyKeepsItsConditions()
    {
        var setup = SetupFor(new()
        {
            ["ServiceLevels:Policies:0:Name"] = "Network VIP",
            ["ServiceLevels:Policies:0:Group"] = "Network",
            ["ServiceLevels:Policies:0:Vip"] = "true",
            ["ServiceLevels:Policies:0:Kind"] = "Incident",
            ["ServiceLevels:Policies:0:Targets:0:Agreement"] = "Ola",
            ["ServiceLevels:Policies:0:Targets:0:Time"] = "2:00",
            ["ServiceLevels:Policies:0:Targets:0:Calendar"] = "24x7",
        });

        var chosen = PolicyChooser.Choose(setup.Policies, new PolicySubject(TicketKind.Incident, Priority.P3, null, "Sales", true), ClockScope.Group("Network"));
        var other = PolicyChooser.Choose(setup.Policies, new PolicySubject(TicketKind.Incident, Priority.P3, null, "Sales", false), ClockScope.Group("Network"));

        Assert.Equal("Network VIP", chosen?.Name);
        Assert.Null(other);
    }

    [Theory]
    [InlineData("ServiceLevels:Suppliers:0:Calendar", "Mars", "ServiceLevels:Suppliers:0")]
    [InlineData("ServiceLevels:Calendars:X:Hours:Someday:0", "09:00-17:00", "ServiceLevels:Calendars:X")]
    public void AnUnreadableSupplierOrCalendarStopsTheStartAndNamesItself(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ServiceLevels:Calendars:X:TimeZone"] = "Europe/Paris",
            ["ServiceLevels:Calendars:X:Hours:Weekdays:0"] = "09:00-17:00",
            ["ServiceLevels:Suppliers:0:Name"] = "Acme",
            ["ServiceLevels:Suppliers:0:Resolution"] = "8:00",
            [key] = value,
        };

        var error = Assert.ThrowsAny<Exception>(() => SetupFor(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static ServiceLevelSetup SetupFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var bound = new ServiceLevelSettings();
        configuration.GetSection("ServiceLevels").Bind(bound);
        return bound.ToSetup();
    }
}
