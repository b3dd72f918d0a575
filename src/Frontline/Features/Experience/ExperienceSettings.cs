using Frontline.Domain.Experience;

namespace Frontline.Features.Experience;

/// <summary>
/// Experience targets (XLAs) and the changes to mark on the trends, from configuration (section "Experience"):
/// one set of targets for every service, overridden per service by name, and dated changes ("VPN client 5.2 rolled out").
/// </summary>
public sealed class ExperienceSettings
{
    public TargetSettings Targets { get; set; } = new() { Happiness = 60, LostMinutes = 120, Satisfaction = 4.2, NetEasy = 30 };

    /// <summary>Per service name: the targets that differ from <see cref="Targets"/>.</summary>
    public Dictionary<string, TargetSettings> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ChangeSettings> Changes { get; set; } = [];

    public sealed class TargetSettings
    {
        public double? Happiness { get; set; }

        public double? LostMinutes { get; set; }

        public double? Satisfaction { get; set; }

        public double? NetEasy { get; set; }
    }

    public sealed class ChangeSettings
    {
        public DateOnly Date { get; set; }

        public string Title { get; set; } = "";

        /// <summary>The service it changed, by name; none: the whole desk (a new process, a new tool).</summary>
        public string? Service { get; set; }
    }

    public ExperienceSetup ToSetup()
    {
        var all = new ExperienceTargets(Targets.Happiness, Targets.LostMinutes, Targets.Satisfaction, Targets.NetEasy);
        var byService = Services.ToDictionary(
            s => s.Key,
            s => new ExperienceTargets(s.Value.Happiness ?? all.Happiness, s.Value.LostMinutes ?? all.LostMinutes, s.Value.Satisfaction ?? all.Satisfaction, s.Value.NetEasy ?? all.NetEasy),
            StringComparer.OrdinalIgnoreCase);
        var changes = Changes.Select((c, i) => string.IsNullOrWhiteSpace(c.Title)
            ? throw new InvalidOperationException($"Experience:Changes:{i}:Title: a change needs a title.")
            : new ServiceChange(c.Date, c.Title.Trim(), string.IsNullOrWhiteSpace(c.Service) ? null : c.Service.Trim())).ToList();
        return new ExperienceSetup(all, byService, changes);
    }
}

/// <summary>A dated change marked on the experience trends.</summary>
public sealed record ServiceChange(DateOnly Date, string Title, string? Service);

public sealed record ExperienceSetup(ExperienceTargets Targets, IReadOnlyDictionary<string, ExperienceTargets> ByService, IReadOnlyList<ServiceChange> Changes)
{
    public ExperienceTargets For(string service) => ByService.GetValueOrDefault(service) ?? Targets;
}
