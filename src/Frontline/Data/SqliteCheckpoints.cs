using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Frontline.Data;

/// <summary>When the serving process merges SQLite's write-ahead log into the database file.</summary>
public sealed class SqliteCheckpointOptions
{
    public TimeSpan Every { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A log this long (in 4 KiB pages; 16 MiB by default) is merged to its end and started afresh, holding up
    /// writers while that waits for the readers still in the log: usually a few milliseconds, but under load once
    /// 236 ms, one cause of the fsync benchmark's slow periods (bench/README.md, 5 December 2026).
    /// SQLite starts the log afresh by itself only when a writer finds it fully merged and no reader in it, which on
    /// a busy desk (a creation reads twice) almost never happens: the log of 1,000 creations a second grew to 1.3 GB
    /// in 40 seconds.
    /// </summary>
    public int RestartAbovePages { get; set; } = 4_096;
}

/// <summary>
/// Merges the write-ahead log in the background without holding up writers (a PASSIVE checkpoint), so no
/// creation waits behind a merge, and restarts it once it is long (a RESTART checkpoint, which waits for the
/// readers in it and holds up writers meanwhile, see <see cref="SqliteCheckpointOptions.RestartAbovePages"/>).
/// Restarting rather than emptying the file keeps its blocks, so appends need not grow the file again. In single
/// runs of <c>bench/create-load.sh sqlite-full 1000,1000,1000,1000 10</c> the warm periods' p99 was 65–73 ms
/// emptying the file at 64 MiB, 23–32 ms restarting at 64 MiB and 21–23 ms restarting at 16 MiB; later runs of the
/// last setting also had periods of 71–252 ms (bench/README.md).
/// </summary>
public sealed class SqliteCheckpoints(IDbContextFactory<FrontlineDb> databases, IOptions<SqliteCheckpointOptions> options, TimeProvider clock, ILogger<SqliteCheckpoints> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Every, clock);
        // The start (migrations, the demo organisation) wrote before this worker ran, so the first round empties the file.
        var mode = "TRUNCATE";
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(mode, stoppingToken);
                mode = "RESTART";
            }
            catch (SqliteException e)
            {
                logger.LogWarning(e, "The SQLite write-ahead log could not be merged into the database this round.");
            }
        }
    }

    /// <param name="longLogMode">How a log past <see cref="SqliteCheckpointOptions.RestartAbovePages"/> is started afresh.</param>
    private async Task CheckpointAsync(string longLogMode, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var logPages = await RunAsync(connection, "PASSIVE", cancellationToken);
        if (logPages > options.Value.RestartAbovePages)
        {
            await RunAsync(connection, longLogMode, cancellationToken);
        }
    }

    /// <returns>How many pages the log held.</returns>
    private static async Task<int> RunAsync(System.Data.Common.DbConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // The mode is one of this class's constants, never input.
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // One row: whether it was blocked, the log's length in pages, and how many of them are now in the database.
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt32(1) : 0;
    }
}
