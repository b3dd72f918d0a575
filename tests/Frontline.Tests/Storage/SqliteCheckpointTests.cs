using Frontline.Data;
using Frontline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Frontline.Tests.Storage;

/// <summary>A SQLite desk whose checkpoint worker empties the write-ahead log once it holds more than a few pages.</summary>
public sealed class CheckpointedSqliteServer : FrontlineServer
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Sqlite:Checkpoints:Every"] = "00:00:00.1",
        ["Sqlite:Checkpoints:EmptyAbovePages"] = "16",
    };
}

/// <summary>
/// The serving process merges SQLite's write-ahead log in the background, so the log of a busy desk neither grows
/// without end nor is merged inside a creation's commit; what was committed is in the database file afterwards.
/// </summary>
public sealed class SqliteCheckpointTests(CheckpointedSqliteServer server) : IClassFixture<CheckpointedSqliteServer>
{
    [Fact]
    public async Task TheLogOfABusyDeskIsMergedAndEmptiedWhileTheDeskRuns()
    {
        using var olivia = await server.ClientForAsync("olivia");
        var created = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            created.Add((await olivia.CreateTicketAsync($"Checkpoint {i}")).Number);
        }

        var log = new SqliteConnectionStringBuilder(server.Database.ConnectionString).DataSource + "-wal";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(log).Length > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, new FileInfo(log).Length);
        foreach (var number in created)
        {
            Assert.Equal($"Checkpoint {created.IndexOf(number)}", (await olivia.GetTicketAsync(number)).Title);
        }
    }
}
