using Microsoft.EntityFrameworkCore;

namespace Frontline.Data;

/// <summary>Locks between the nodes that share one database: for work one node at a time should do, and for work that must not overlap a rewrite.</summary>
public static class NodeLocks
{
    /// <summary>
    /// Runs <paramref name="work"/> unless another node is running work under the same key; then answers 0 at once.
    /// On PostgreSQL a session advisory lock on a connection held for the work, released even if the process dies, as
    /// the session ends. SQLite runs one node, so the work just runs.
    /// </summary>
    public static Task<int> RunAloneAsync(FrontlineDb db, long key, Func<Task<int>> work, CancellationToken cancellationToken) =>
        WhileSessionHoldsAsync(
            db,
            async () => (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").ToListAsync(cancellationToken))[0],
            $"SELECT pg_advisory_unlock({key})",
            work,
            notTaken: 0,
            cancellationToken);

    /// <summary>
    /// Inside a transaction: waits until no other transaction holds <paramref name="key"/> in a conflicting mode and holds
    /// it until this one ends; exclusive for work that rewrites what the key guards, shared for work that only adds to it.
    /// On PostgreSQL an advisory transaction lock. On SQLite the transaction is already the lock: Microsoft.Data.Sqlite
    /// begins with BEGIN IMMEDIATE, so one writing transaction runs at a time.
    /// </summary>
    public static async Task HoldForTransactionAsync(FrontlineDb db, long key, bool exclusive, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        if (exclusive)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({key})", cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> holding <paramref name="key"/> shared, for work that commits through other connections
    /// (a ticket creation joins the intake's batch) and so cannot hold it in its own transaction. On PostgreSQL a session
    /// advisory lock on a connection held for the work; SQLite runs one node, so the work just runs.
    /// </summary>
    public static Task<T> SharedWhileAsync<T>(FrontlineDb db, long key, Func<Task<T>> work, CancellationToken cancellationToken) =>
        WhileSessionHoldsAsync(
            db,
            async () =>
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock_shared({key})", cancellationToken);
                return true;
            },
            $"SELECT pg_advisory_unlock_shared({key})",
            work,
            // Never answered: the shared lock waits until it is taken.
            notTaken: default!,
            cancellationToken);

    /// <summary>
    /// On PostgreSQL: opens the context's connection for the work, takes a session lock on it, runs the work, releases
    /// the lock (whatever the work did) and closes the connection; <paramref name="notTaken"/> if the lock was not taken.
    /// </summary>
    private static async Task<T> WhileSessionHoldsAsync<T>(FrontlineDb db, Func<Task<bool>> take, FormattableString release, Func<Task<T>> work, T notTaken, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return await work();
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await take())
            {
                return notTaken;
            }
            try
            {
                return await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync(release, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
