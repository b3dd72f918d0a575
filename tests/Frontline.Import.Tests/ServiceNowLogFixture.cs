using Frontline.Data;

namespace Frontline.Import.Tests;

/// <summary>The real ServiceNow event log imported once into a fresh desk, and the same file counted plainly.</summary>
public abstract class ServiceNowLogFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Lazy<List<List<Dictionary<string, string>>>> Parsed = new(Parse);

    public ImportedDesk Desk { get; private set; } = null!;

    public static string LogPath { get; } = SharedData.File("incident_event_log.csv.gz");

    public (int ExitCode, string Output, string Error) FirstImport { get; private set; }

    /// <summary>Every incident's rows in file order, each row split on commas (the export quotes nothing).</summary>
    public static List<List<Dictionary<string, string>>> Incidents => Parsed.Value;

    public async Task InitializeAsync()
    {
        Desk = await ImportedDesk.CreateAsync(provider);
        FirstImport = await Desk.RunAsync("import", "servicenow-events", LogPath);
    }

    public async Task DisposeAsync() => await Desk.DisposeAsync();

    private static List<List<Dictionary<string, string>>> Parse()
    {
        var incidents = new List<List<Dictionary<string, string>>>();
        string[]? header = null;
        var byNumber = new Dictionary<string, List<Dictionary<string, string>>>();
        foreach (var line in SharedData.Lines(LogPath))
        {
            var fields = line.Split(',');
            if (header is null)
            {
                header = fields;
                continue;
            }
            var row = header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
            if (!byNumber.TryGetValue(row["number"], out var rows))
            {
                byNumber[row["number"]] = rows = [];
                incidents.Add(rows);
            }
            rows.Add(row);
        }
        return incidents;
    }
}

public sealed class SqliteServiceNowLog() : ServiceNowLogFixture(DatabaseProvider.Sqlite);

public sealed class PostgresServiceNowLog() : ServiceNowLogFixture(DatabaseProvider.Postgres);
