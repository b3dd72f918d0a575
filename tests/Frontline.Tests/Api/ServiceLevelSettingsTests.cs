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
}
