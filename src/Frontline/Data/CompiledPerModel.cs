using System.Collections.Concurrent;

namespace Frontline.Data;

/// <summary>
/// A query EF Core translates once instead of on every run (<c>EF.CompileAsyncQuery</c>), kept per database
/// kind: a compiled query belongs to the one model it was first run with, and a process can hold a SQLite and a
/// PostgreSQL model side by side (the test suite does).
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly ConcurrentDictionary<Type, TQuery> compiled = new();

    public TQuery For(FrontlineDb db) => compiled.GetOrAdd(db.GetType(), _ => compile());
}
