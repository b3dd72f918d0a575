using System.Globalization;
using Frontline.Domain.Patterns;
using Frontline.Features.Demand;

namespace Frontline.Cli;

/// <summary>`frontline analyze patterns`: discover the desk's demand patterns, keep them, and print them by effort.</summary>
public static class AnalyzeCommand
{
    public const int Printed = 25;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "patterns")
        {
            throw new UsageException("analyze needs a subject: patterns.");
        }
        var values = CommandLine.Options(args[1..], flags: [], valued: ["--data", "--database", "--sqlite-sync", "--patterns"]);
        int? count = values.GetValueOrDefault("--patterns") switch
        {
            null => null,
            var n when int.TryParse(n, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= DemandFeature.MaxPatterns => parsed,
            var n => throw new UsageException($"--patterns is a number from 1 to {DemandFeature.MaxPatterns}, not '{n}'."),
        };
        await using var services = await CommandHost.StartAsync(CommandHost.DatabaseArgs(values), output);
        using var scope = services.CreateScope();
        await error.WriteLineAsync("discovering patterns…");
        var summary = await scope.ServiceProvider.GetRequiredService<DemandPatterns>().DiscoverAsync(null, DiscoveryOptions.Default with { Patterns = count }, CancellationToken.None);
        if (summary is null)
        {
            await error.WriteLineAsync("frontline: the desk has no tickets to find patterns in.");
            return 1;
        }
        var report = await scope.ServiceProvider.GetRequiredService<DemandInsights>().ReportAsync(CancellationToken.None);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Patterns} patterns in {summary.Tickets:N0} tickets ({summary.Kept} kept from the last discovery, {summary.Retired} retired with their actions) in {summary.Seconds:F1} s"));
        await output.WriteLineAsync("effort h\ttickets\tper week (recent/earlier)\tmedian resolve h\treopened\treassigned\taction\tpattern");
        foreach (var p in report.Patterns.Take(Printed))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{p.EffortHours:F0}\t{p.Tickets}\t{p.RecentPerWeek:F1}/{p.EarlierPerWeek:F1}\t{p.MedianResolveHours?.ToString("F1", CultureInfo.InvariantCulture) ?? "-"}\t{p.ReopenRate:P0}\t{p.ReassignmentRate:P0}\t{p.Action}\t{p.Label}"));
        }
        return 0;
    }
}
