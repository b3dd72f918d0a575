using System.Diagnostics;
using System.Globalization;
using Frontline.Benchmarks;
using Frontline.Cli;
using Frontline.Data;
using Frontline.Domain.ServiceLevels;
using Frontline.Features.ServiceLevels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Replays every SLA and OLA clock over the full history of the public ServiceNow incident event log (24,918
// incidents), as the queues, the alarms and a policy change do: read each ticket's history lines from the database
// and evaluate its clocks. Imports the log into a fresh SQLite desk first unless --data points at one already filled.
// Usage: dotnet run --project bench/Frontline.Replay.Bench -c Release [-- --data FOLDER] [--file incident_event_log.csv.gz]
var arguments = new BenchArguments(args);
var folder = arguments.Take("--data") ?? Directory.CreateTempSubdirectory("frontline-replay-").FullName;
var file = arguments.Take("--file") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/incident_event_log.csv.gz"));
await using var services = await CommandHost.StartAsync(["--data", folder], TextWriter.Null);
var factory = services.GetRequiredService<IDbContextFactory<FrontlineDb>>();
await using (var db = await factory.CreateDbContextAsync())
{
    if (!await db.Tickets.AnyAsync())
    {
        Console.Error.WriteLine($"Importing {file} into {folder} …");
        var import = Stopwatch.StartNew();
        var code = await CommandLine.RunAsync(["import", "servicenow-events", file, "--data", folder], TextWriter.Null, Console.Error);
        Console.Error.WriteLine($"Imported in {import.Elapsed.TotalSeconds:0.0} s (exit code {code}).");
    }
}

// The default desk (an SLA per priority) plus one OLA for whichever group holds the ticket, so every group change
// in the history starts and stops a clock.
var settings = new ServiceLevelSettings
{
    Policies =
    [
        new()
        {
            Name = "Every group",
            Targets = [new() { Agreement = Agreement.Ola, Kind = TargetKind.FirstResponse, Time = "2:00" }, new() { Agreement = Agreement.Ola, Kind = TargetKind.Resolution, Time = "16:00" }],
        },
    ],
};
var policies = settings.ToSetup().Policies;

List<long> ids;
long events;
DateTime asOf;
await using (var db = await factory.CreateDbContextAsync())
{
    ids = await db.Tickets.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
    events = await db.TicketEvents.LongCountAsync();
    asOf = (await db.TicketEvents.MaxAsync(e => (DateTime?)e.At) ?? DateTime.UtcNow).AddDays(1);
}

Console.WriteLine($"| run | tickets | history lines | clocks | breached | wall s | tickets/s | clocks/s |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var run in new[] { "first (cold)", "second (warm)" })
{
    var (clocks, breached) = (0L, 0L);
    var watch = Stopwatch.StartNew();
    foreach (var batch in ids.Chunk(500))
    {
        await using var db = await factory.CreateDbContextAsync();
        var levels = new TicketServiceLevels(db, TimeProvider.System, policies);
        foreach (var reports in (await levels.ForTicketsAsync(batch, asOf, CancellationToken.None)).Values)
        {
            clocks += reports.Count;
            breached += reports.Count(r => r.State.IsBreached);
        }
    }
    var seconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {run} | {ids.Count:N0} | {events:N0} | {clocks:N0} | {breached:N0} | {seconds:0.0} | {ids.Count / seconds:N0} | {clocks / seconds:N0} |"));
}
Console.WriteLine($"\nMachine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[..3].Aggregate((a, b) => a + " " + b)}. SQLite at {folder}.");
