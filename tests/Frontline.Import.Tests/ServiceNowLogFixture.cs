namespace Frontline.Import.Tests;

/// <summary>The real ServiceNow event log imported once into a fresh desk, and the same file counted plainly.</summary>
public sealed class ServiceNowLogFixture : IAsyncLifetime
{
    public ImportedDesk Desk { get; } = new();

    public string LogPath { get; } = SharedData.File("incident_event_log.csv.gz");

    public (int ExitCode, string Output, string Error) FirstImport { get; private set; }

    /// <summary>Every incident's rows in file order, each row split on commas (the export quotes nothing).</summary>
    public List<List<Dictionary<string, string>>> Incidents { get; } = [];

    public async Task InitializeAsync()
    {
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
                Incidents.Add(rows);
            }
            rows.Add(row);
        }
        FirstImport = await Desk.RunAsync("import", "servicenow-events", LogPath);
    }

    public Task DisposeAsync()
    {
        Desk.Dispose();
        return Task.CompletedTask;
    }
}
