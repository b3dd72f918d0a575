using System.Data.Common;
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
    /// writers while that waits for the readers still in the log.
    /// SQLite starts the log afresh by itself only when a writer finds it fully merged and no reader in it, which on
    /// a busy desk (a creation reads twice) almost never happens: the log of 1,000 creations a second grew to 1.3 GB
    /// in 40 seconds.
    /// </summary>
    public int RestartAbovePages { get; set; } = 4_096;

    /// <summary>
    /// How long one try at restarting the log may hold writers up waiting for readers; a try that runs out gives
    /// writers the lock back, and the next begins after as long again, until the next round is due. Waiting as long
    /// as SQLite's busy timeout allowed, a restart that had won the writer lock slept in steps of up to 100 ms for a
    /// reader to finish, holding up every creation: 4 of 24 fsync periods had a p99 over 25 ms, none since
    /// (bench/README.md, 6 December 2026).
    /// </summary>
    public TimeSpan RestartWait { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// A log this long (128 MiB by default) is restarted however long its readers take, since readers that overlap
    /// without a pause would otherwise let it grow without bound.
    /// </summary>
    public int RestartWaitingAbovePages { get; set; } = 32_768;
}

/// <summary>
/// Merges the write-ahead log in the background without holding up writers (a PASSIVE checkpoint), so no
/// creation waits behind a merge, and restarts it once it is long (a RESTART checkpoint, which holds up writers
/// while it waits for the readers in it, so each try waits only briefly, see <see cref="SqliteCheckpointOptions.RestartWait"/>).
/// Restarting rather than emptying the file keeps its blocks, so appends need not grow the file again. In single
/// runs of <c>bench/create-load.sh sqlite-full 1000,1000,1000,1000 10</c> the warm periods' p99 was 65–73 ms
/// emptying the file at 64 MiB, 23–32 ms restarting at 64 MiB and 21–23 ms restarting at 16 MiB (bench/README.md).
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
        var merged = await RunAsync(connection, "PASSIVE", cancellationToken);
        if (merged.LogPages > options.Value.RestartWaitingAbovePages)
        {
            await RunAsync(connection, longLogMode, cancellationToken);
        }
        else if (merged.LogPages > options.Value.RestartAbovePages)
        {
            await RestartBrieflyAsync(connection, longLogMode, cancellationToken);
        }
    }

    /// <summary>
    /// Tries to restart the log, each try waiting at most <see cref="SqliteCheckpointOptions.RestartWait"/> for the
    /// lock and the readers, until one succeeds or the next round is due.
    /// </summary>
    private async Task RestartBrieflyAsync(DbConnection connection, string mode, CancellationToken cancellationToken)
    {
        var wait = options.Value.RestartWait;
        var usualWait = await ScalarAsync(connection, "PRAGMA busy_timeout;", cancellationToken);
        await ScalarAsync(connection, $"PRAGMA busy_timeout={(long)wait.TotalMilliseconds};", cancellationToken);
        try
        {
            var started = clock.GetTimestamp();
            while ((await RunAsync(connection, mode, cancellationToken)).Blocked && clock.GetElapsedTime(started) < options.Value.Every)
            {
                // Writers that queued behind this try go first.
                await Task.Delay(wait, clock, cancellationToken);
            }
        }
        finally
        {
            await ScalarAsync(connection, $"PRAGMA busy_timeout={usualWait};", CancellationToken.None);
        }
    }

    /// <param name="Blocked">Whether the mode asked for could not be done, as a lock or a reader held it up.</param>
    private readonly record struct Checkpoint(bool Blocked, int LogPages);

    private static async Task<Checkpoint> RunAsync(DbConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // The mode is one of this class's constants, never input.
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // One row: whether it was blocked, the log's length in pages, and how many of them are now in the database.
        return await reader.ReadAsync(cancellationToken) ? new(reader.GetInt32(0) != 0, reader.GetInt32(1)) : new(false, 0);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string pragma, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Only this class's pragmas and numbers, never input.
        command.CommandText = pragma;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
