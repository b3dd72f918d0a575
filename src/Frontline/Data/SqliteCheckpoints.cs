using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Frontline.Data;

/// <summary>When the serving process merges SQLite's write-ahead log into the database file.</summary>
public sealed class SqliteCheckpointOptions
{
    public TimeSpan Every { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A log this long (in 4 KiB pages; 64 MiB by default) is merged to its end and emptied, briefly holding up
    /// writers: under a steady stream of commits the non-blocking merge never catches the last one, and SQLite only
    /// starts the log afresh once a merge has.
    /// </summary>
    public int EmptyAbovePages { get; set; } = 16_384;
}

/// <summary>
/// Merges the write-ahead log in the background without holding up writers (a PASSIVE checkpoint), so no
/// creation waits behind a merge; empties it when it has grown long anyway.
/// </summary>
public sealed class SqliteCheckpoints(IDbContextFactory<FrontlineDb> databases, IOptions<SqliteCheckpointOptions> options, TimeProvider clock, ILogger<SqliteCheckpoints> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (SqliteException e)
            {
                logger.LogWarning(e, "The SQLite write-ahead log could not be merged into the database this round.");
            }
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var logPages = await RunAsync(connection, "PASSIVE", cancellationToken);
        if (logPages > options.Value.EmptyAbovePages)
        {
            await RunAsync(connection, "TRUNCATE", cancellationToken);
        }
    }

    /// <returns>How many pages the log held.</returns>
    private static async Task<int> RunAsync(System.Data.Common.DbConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // The mode is one of two constants above, never input.
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // One row: whether it was blocked, the log's length in pages, and how many of them are now in the database.
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt32(1) : 0;
    }
}
