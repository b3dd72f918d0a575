using Microsoft.EntityFrameworkCore;

namespace Frontline.Data;

/// <summary>Background work that one node at a time should do over the shared database.</summary>
public static class NodeLocks
{
    /// <summary>
    /// Runs <paramref name="work"/> unless another node is running work under the same key; then answers 0 at once.
    /// On PostgreSQL a session advisory lock on a connection held for the work, released even if the process dies, as
    /// the session ends. SQLite runs one node, so the work just runs.
    /// </summary>
    public static async Task<int> RunAloneAsync(FrontlineDb db, long key, Func<Task<int>> work, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return await work();
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!(await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").ToListAsync(cancellationToken))[0])
            {
                return 0;
            }
            try
            {
                return await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
