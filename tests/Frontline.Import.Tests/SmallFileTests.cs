using Microsoft.EntityFrameworkCore;

namespace Frontline.Import.Tests;

public sealed class SmallFileTests : IAsyncLifetime
{
    private ImportedDesk desk = null!;

    public async Task InitializeAsync() => desk = await ImportedDesk.CreateAsync(Data.DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await desk.DisposeAsync();

    [Fact]
    public async Task A_bad_row_is_reported_by_its_line_and_the_good_rows_still_arrive()
    {
        var lines = SharedData.Lines(SharedData.File("incident_event_log.csv.gz")).Take(14).ToList();
        lines[2] = lines[2].Replace("3 - Moderate", "9 - Unknown", StringComparison.Ordinal);
        lines.Add("INC9999999,New,true");
        var file = desk.WriteFile("events.csv", string.Join('\n', lines) + "\n");

        var (code, output, error) = await desk.RunAsync("import", "servicenow-events", file);

        await using var db = desk.Open();
        Assert.Equal(1, code);
        Assert.Contains("line 3: priority '9 - Unknown' is not a known level", error, StringComparison.Ordinal);
        Assert.Contains("line 15: 3 fields where the header has 36", error, StringComparison.Ordinal);
        Assert.Contains("bad rows           2", output, StringComparison.Ordinal);
        Assert.Equal(["INC0000045", "INC0000047"], await db.Tickets.OrderBy(t => t.Number).Select(t => t.Number).ToListAsync());
        var first = await db.Tickets.SingleAsync(t => t.Number == "INC0000045");
        Assert.Equal(3, await db.TicketEvents.CountAsync(e => e.Field == "servicenow.state" && e.TicketId == first.Id));
        var resolvedBy = await db.TicketEvents.Where(e => e.TicketId == first.Id && e.Field == "servicenow.state" && e.After == "Resolved")
            .Join(db.Users, e => e.ActorId, u => u.Id, (e, u) => u.DisplayName).SingleAsync();
        Assert.Equal("Updated by 804", resolvedBy);
    }

    [Fact]
    public async Task A_generic_csv_is_imported_once_with_quoted_fields_and_bad_rows_named()
    {
        var lines = SharedData.Lines(SharedData.File("it_tickets_topics.csv.gz")).Take(301).ToList();
        lines.Add("\"printer on floor 2, \"\"the big one\"\"\nstill jams\",Hardware");
        lines.Add(",Access");
        var file = desk.WriteFile("topics.csv", string.Join("\r\n", lines) + "\r\n");

        var first = await desk.RunAsync("import", "tickets", file, "--map", "title=Document,category=Topic_group");
        var second = await desk.RunAsync("import", "tickets", file, "--map", "title=Document,category=Topic_group");

        await using var db = desk.Open();
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("line 304: Document is empty", first.Error, StringComparison.Ordinal);
        Assert.Equal(301, await db.Tickets.CountAsync());
        Assert.Equal(0, await db.Tickets.CountAsync(t => t.CategoryId == null));
        Assert.Single(await db.Tickets.Where(t => t.Title == "printer on floor 2, \"the big one\" still jams" && t.Description.Contains('\n')).ToListAsync());
        Assert.Contains("tickets created    0", second.Output, StringComparison.Ordinal);
        Assert.Contains("already imported   301", second.Output, StringComparison.Ordinal);
    }
}
