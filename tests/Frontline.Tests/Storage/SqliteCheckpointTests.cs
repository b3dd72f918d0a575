using Frontline.Data;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Frontline.Tests.Storage;

/// <summary>A SQLite desk whose checkpoint worker restarts the write-ahead log once it holds more than a few pages.</summary>
public sealed class CheckpointedSqliteServer : FrontlineServer
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Sqlite:Checkpoints:Every"] = "00:00:00.05",
        ["Sqlite:Checkpoints:RestartAbovePages"] = "16",
    };
}

/// <summary>
/// The serving process merges SQLite's write-ahead log in the background and starts it afresh, so the log of a
/// busy desk (creations and reads all the time, which keep SQLite from restarting it by itself) stays small.
/// </summary>
public sealed class SqliteCheckpointTests(CheckpointedSqliteServer server) : IClassFixture<CheckpointedSqliteServer>
{
    [Fact]
    public async Task TheLogOfADeskBusyWritingAndReadingStaysSmall()
    {
        var log = new SqliteConnectionStringBuilder(server.Database.ConnectionString).DataSource + "-wal";
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.ClientForAsync("maria");
        // A number of creations, not a time: on a machine busy with other tests, 4 seconds once made only 29.
        const int Creations = 160;
        var created = new List<TicketView>();

        int CreatedSoFar()
        {
            lock (created)
            {
                return created.Count;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async writer =>
        {
            while (CreatedSoFar() < Creations)
            {
                var ticket = await olivia.CreateTicketAsync($"Busy desk {writer}");
                lock (created)
                {
                    created.Add(ticket);
                }
                (await maria.GetAsync("/api/v1/tickets?status=open&limit=50")).EnsureSuccessStatusCode();
            }
        }));

        // SQLite's own merge is off in the serving process: without the worker the log grows by every commit (about 100 KB a creation here).
        Assert.True(new FileInfo(log).Length < 8 * 1024 * 1024, $"the log holds {new FileInfo(log).Length:N0} bytes after {created.Count} creations");
        var last = created[^1];
        Assert.Equal(last.Title, (await olivia.GetTicketAsync(last.Number)).Title);
    }
}
