using System.Globalization;
using Frontline.Data;
using Frontline.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Cli;

/// <summary>
/// frontline generate N --text FILE: fills the desk with N realistic tickets in bulk (not through HTTP) for
/// measuring it at scale. The shapes come from an imported ServiceNow event log, the words from FILE.
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var number, .. var rest] || !int.TryParse(number, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new UsageException("generate needs how many tickets: generate 1000000 --text FILE.");
        }
        var values = CommandLine.Options(rest, flags: [], valued: ["--data", "--database", "--sqlite-sync", "--text", "--seed", "--years"]);
        var text = values.GetValueOrDefault("--text") ?? throw new UsageException("generate needs --text FILE, a CSV with a Document column (it_tickets_topics.csv.gz).");
        if (!File.Exists(text))
        {
            await error.WriteLineAsync($"frontline: there is no file {text}.");
            return 2;
        }
        var seed = int.Parse(values.GetValueOrDefault("--seed") ?? "1", CultureInfo.InvariantCulture);
        var years = double.Parse(values.GetValueOrDefault("--years") ?? "3", CultureInfo.InvariantCulture);
        await using var services = await CommandHost.StartAsync(CommandHost.DatabaseArgs(values), output);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return await SampleTickets.GenerateAsync(services.GetRequiredService<IDbContextFactory<FrontlineDb>>(), text, count, TimeSpan.FromDays(365 * years), seed, now, output, CancellationToken.None);
    }
}
