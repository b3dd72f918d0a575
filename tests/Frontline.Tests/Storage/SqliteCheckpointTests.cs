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

/// <summary>A SQLite desk whose log, past 1 MiB, is restarted however long its readers take.</summary>
public sealed class ShortLogSqliteServer : FrontlineServer
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Sqlite:Checkpoints:Every"] = "00:00:00.05",
        ["Sqlite:Checkpoints:RestartAbovePages"] = "16",
        ["Sqlite:Checkpoints:RestartWaitingAbovePages"] = "256",
    };
}

/// <summary>A read transaction on its own connection: it keeps the snapshot it first read until disposed.</summary>
internal sealed class OpenSnapshot : IAsyncDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;

    private OpenSnapshot(SqliteConnection connection, SqliteTransaction transaction) => (this.connection, this.transaction) = (connection, transaction);

    public static async Task<OpenSnapshot> TakeAsync(DatabaseOptions database)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = connection.BeginTransaction(deferred: true);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT count(*) FROM \"Tickets\";";
        await read.ExecuteScalarAsync();
        return new(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
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

    [Fact]
    public async Task CreationsGoOnWhileALongReportKeepsTheLogFromRestarting()
    {
        using var olivia = await server.ClientForAsync("olivia");
        Task creations;
        await using (await OpenSnapshot.TakeAsync(server.Database))
        {
            // Each creation writes more to the log than the restart limit, so every round tries to restart it, and
            // the report's snapshot is older than every commit made while it is open.
            creations = Task.Run(async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await olivia.CreateTicketAsync($"Created beside a long report {i}");
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            });
            // A restart that waited for the report held every creation up until the report ended.
            var first = await Task.WhenAny(creations, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.True(first == creations, "the creations waited for the report to end");
        }
        await creations;
    }
}

/// <summary>
/// Readers that overlap without a pause keep a restart that waits only briefly from ever happening; past its hard
/// limit the log is restarted anyway, so it cannot grow without bound.
/// </summary>
public sealed class SqliteLogLimitTests(ShortLogSqliteServer server) : IClassFixture<ShortLogSqliteServer>
{
    [Fact]
    public async Task TheLogStaysBoundedUnderReadersThatNeverAllPause()
    {
        var log = new SqliteConnectionStringBuilder(server.Database.ConnectionString).DataSource + "-wal";
        using var olivia = await server.ClientForAsync("olivia");
        using var stop = new CancellationTokenSource();
        var readers = Task.Run(async () =>
        {
            var reading = await OpenSnapshot.TakeAsync(server.Database);
            while (!stop.IsCancellationRequested)
            {
                // The next report starts before the last ends, so one is always reading.
                var next = await OpenSnapshot.TakeAsync(server.Database);
                await reading.DisposeAsync();
                reading = next;
                await Task.Delay(TimeSpan.FromMilliseconds(30));
            }
            await reading.DisposeAsync();
        });
        for (var i = 0; i < 150; i++)
        {
            await olivia.CreateTicketAsync($"Created beside overlapping reports {i}");
        }
        await stop.CancelAsync();
        await readers;

        // About 55 KB a creation: without the hard limit the log held 5.5 MB after 100 of them.
        Assert.True(new FileInfo(log).Length < 4 * 1024 * 1024, $"the log holds {new FileInfo(log).Length:N0} bytes");
    }
}
