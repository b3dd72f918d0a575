namespace Frontline.Domain.Patterns;

/// <summary>
/// Keeps a pattern's identity across rediscoveries: a new pattern that holds most of an old pattern's tickets,
/// and is mostly made of them, is the same pattern, so actions taken on it keep their measurements.
/// </summary>
public static class PatternLineage
{
    /// <returns>For each new pattern, the id of the old pattern it continues, or null for a new one. Each old pattern continues at most once.</returns>
    public static long?[] Match(IReadOnlyDictionary<long, IReadOnlySet<long>> oldPatterns, IReadOnlyList<IReadOnlyCollection<long>> newPatterns)
    {
        var candidates = new List<(int New, long Old, int Overlap)>();
        for (var n = 0; n < newPatterns.Count; n++)
        {
            foreach (var (id, tickets) in oldPatterns)
            {
                var overlap = newPatterns[n].Count(tickets.Contains);
                if (overlap * 2 > newPatterns[n].Count && overlap * 2 > tickets.Count)
                {
                    candidates.Add((n, id, overlap));
                }
            }
        }
        var matched = new long?[newPatterns.Count];
        var used = new HashSet<long>();
        foreach (var (n, old, _) in candidates.OrderByDescending(c => c.Overlap).ThenBy(c => c.Old))
        {
            if (matched[n] is null && used.Add(old))
            {
                matched[n] = old;
            }
        }
        return matched;
    }
}
