namespace Frontline.Domain.Patterns;

/// <summary>How closely patterns follow known labels: purity and the adjusted Rand index (Hubert and Arabie, 1985).</summary>
public static class ClusterQuality
{
    /// <summary>The share of tickets whose pattern's most common label is their own label. 1 when every pattern is one label.</summary>
    public static double Purity(IReadOnlyList<int> patterns, IReadOnlyList<string> labels) =>
        patterns.Count == 0 ? 0
        : patterns.Zip(labels).GroupBy(p => p.First).Sum(g => g.GroupBy(p => p.Second, StringComparer.Ordinal).Max(l => l.Count())) / (double)patterns.Count;

    /// <summary>Agreement of two partitions on every pair of tickets, corrected for chance: 1 identical, about 0 for a random grouping.</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> patterns, IReadOnlyList<string> labels)
    {
        static double Pairs(long n) => n * (n - 1) / 2.0;
        var pairs = patterns.Zip(labels).ToList();
        var both = pairs.GroupBy(p => p).Sum(g => Pairs(g.Count()));
        var byPattern = pairs.GroupBy(p => p.First).Sum(g => Pairs(g.Count()));
        var byLabel = pairs.GroupBy(p => p.Second, StringComparer.Ordinal).Sum(g => Pairs(g.Count()));
        var expected = byPattern * byLabel / Pairs(pairs.Count);
        var most = (byPattern + byLabel) / 2;
        return most == expected ? 1 : (both - expected) / (most - expected);
    }
}
