using Frontline.Data;
using Frontline.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Cli;

/// <summary>
/// Brings tickets in from the formats desks already have. Exit code 0: every row imported or already there;
/// 1: the good rows were imported and the bad ones are listed on stderr by line; 2: nothing could be read.
/// </summary>
public static class ImportCommand
{
    private const int BadRowsShown = 1000;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var kind, var file, .. var rest] || file.StartsWith('-'))
        {
            throw new UsageException("import needs a kind and a file: import servicenow-events FILE or import tickets FILE --map …");
        }
        var values = CommandLine.Options(rest, flags: [], valued: ["--data", "--database", "--sqlite-sync", "--map", "--key", "--kind", "--source"]);
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"frontline: there is no file {file}.");
            return 2;
        }
        var mapping = kind switch
        {
            "servicenow-events" => null,
            "tickets" => CsvMapping.Parse(values.GetValueOrDefault("--map") ?? throw new UsageException("import tickets needs --map title=<column>[,field=<column>…]."),
                values.GetValueOrDefault("--key"), values.GetValueOrDefault("--kind"), values.GetValueOrDefault("--source")),
            _ => throw new UsageException($"unknown import kind '{kind}': use servicenow-events or tickets."),
        };
        await using var services = await CommandHost.StartAsync(CommandHost.DatabaseArgs(values), output);
        var factory = services.GetRequiredService<IDbContextFactory<FrontlineDb>>();
        var clock = services.GetRequiredService<TimeProvider>();
        ImportSummary summary;
        try
        {
            summary = mapping is null
                ? await ServiceNowImport.RunAsync(factory, file, clock, error, CancellationToken.None)
                : await CsvTicketImport.RunAsync(factory, file, mapping, clock, error, CancellationToken.None);
        }
        catch (ImportException e)
        {
            await error.WriteLineAsync("frontline: " + e.Message);
            return 2;
        }
        foreach (var bad in summary.BadRows.Take(BadRowsShown))
        {
            await error.WriteLineAsync("bad row, " + bad);
        }
        if (summary.BadRows.Count > BadRowsShown)
        {
            await error.WriteLineAsync($"… and {summary.BadRows.Count - BadRowsShown:N0} more bad rows.");
        }
        await summary.PrintAsync(output, $"Imported {file}");
        return summary.BadRows.Count == 0 ? 0 : 1;
    }
}
