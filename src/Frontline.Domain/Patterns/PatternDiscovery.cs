using Frontline.Domain.Triage;

namespace Frontline.Domain.Patterns;

/// <summary>How discovery groups tickets. <see cref="Default"/> is the setting measured in bench/README.md.</summary>
public sealed record DiscoveryOptions(int? Patterns = null, int MaxPatterns = 60, double FieldWeight = 0.35, int MinDf = 5, int LongestPhrase = 1, int MaxIterations = 30, int Seed = 42)
{
    public static DiscoveryOptions Default { get; } = new();

    /// <summary>Without a chosen number, about √(n/2) patterns: enough to separate what recurs, few enough to read.</summary>
    public int PatternsFor(int tickets) => Math.Min(tickets, Patterns ?? Math.Clamp((int)Math.Round(Math.Sqrt(tickets / 2.0)), 1, MaxPatterns));
}

/// <summary>The patterns found: which pattern each ticket fell in (in input order), how close it sits to the pattern's centre, and the model to place new tickets.</summary>
public sealed record Discovery(PatternModel Model, int[] PatternOf, float[] Similarity)
{
    public int Patterns => Model.Patterns;
}

/// <summary>
/// Groups tickets by text and fields with spherical k-means (cosine similarity, centres seeded by k-means++ with
/// a fixed seed, so the same tickets give the same patterns). Patterns left empty are dropped.
/// </summary>
public static class PatternDiscovery
{
    public static Discovery Discover(IReadOnlyList<PatternText> tickets, DiscoveryOptions options)
    {
        var features = PatternFeatures.Fit(tickets, NgramShape.Words(1, options.LongestPhrase), options.MinDf, options.FieldWeight);
        var vectors = new SparseVector[tickets.Count];
        Parallel.For(0, tickets.Count, i => vectors[i] = features.Transform(tickets[i]));
        var k = Math.Max(1, options.PatternsFor(tickets.Count));
        var means = new SphericalKMeans(vectors, features.Size, k, new Random(options.Seed));
        means.Run(options.MaxIterations);

        // Renumber the patterns that kept tickets, largest first, so pattern 0 is the biggest.
        var sizes = new int[means.Centres];
        foreach (var p in means.Assignment)
        {
            sizes[p]++;
        }
        var order = Enumerable.Range(0, means.Centres).Where(p => sizes[p] > 0).OrderByDescending(p => sizes[p]).ThenBy(p => p).ToArray();
        var renumbered = new int[means.Centres];
        for (var i = 0; i < order.Length; i++)
        {
            renumbered[order[i]] = i;
        }
        var centres = order.Select(p => PatternModel.Trim(means.Centre(p), PatternModel.TermsPerCentre)).ToList();
        return new Discovery(new PatternModel(features, centres), [.. means.Assignment.Select(p => renumbered[p])], means.Similarity);
    }

    /// <summary>Dense centres stored feature by feature, so scoring a ticket against every centre reads memory in order.</summary>
    private sealed class SphericalKMeans(SparseVector[] vectors, int size, int k, Random random)
    {
        private float[] centres = [];

        public int Centres { get; private set; }

        public int[] Assignment { get; } = new int[vectors.Length];

        public float[] Similarity { get; } = new float[vectors.Length];

        public ReadOnlySpan<float> Centre(int p)
        {
            var centre = new float[size];
            for (var f = 0; f < size; f++)
            {
                centre[f] = centres[f * Centres + p];
            }
            return centre;
        }

        public void Run(int maxIterations)
        {
            Seed();
            for (var iteration = 0; iteration < maxIterations; iteration++)
            {
                var moved = Assign();
                if (iteration > 0 && moved <= vectors.Length / 1000)
                {
                    break;
                }
                Update();
            }
        }

        /// <summary>k-means++: each next centre is a ticket drawn with odds growing with its distance from the centres so far.</summary>
        private void Seed()
        {
            var chosen = new List<int> { random.Next(vectors.Length) };
            var closest = new float[vectors.Length];
            Array.Fill(closest, float.MinValue);
            var dense = new float[size];
            while (true)
            {
                var last = vectors[chosen[^1]];
                Scatter(last, dense, 1);
                Parallel.For(0, vectors.Length, i => closest[i] = Math.Max(closest[i], Dot(vectors[i], dense)));
                Scatter(last, dense, 0);
                if (chosen.Count == k)
                {
                    break;
                }
                var total = closest.Sum(c => (double)Math.Max(0, 1 - c));
                if (total <= 1e-9)
                {
                    // Every ticket already sits on a centre: fewer distinct tickets than patterns asked for.
                    break;
                }
                var draw = random.NextDouble() * total;
                var next = 0;
                for (; next < vectors.Length - 1; next++)
                {
                    draw -= Math.Max(0, 1 - closest[next]);
                    if (draw <= 0)
                    {
                        break;
                    }
                }
                chosen.Add(next);
            }
            Centres = chosen.Count;
            centres = new float[size * Centres];
            for (var p = 0; p < Centres; p++)
            {
                var seed = vectors[chosen[p]];
                for (var i = 0; i < seed.Indices.Length; i++)
                {
                    centres[seed.Indices[i] * Centres + p] = seed.Values[i];
                }
            }
        }

        private int Assign()
        {
            var moved = 0;
            Parallel.For(0, vectors.Length, () => new float[Centres], (i, _, scores) =>
            {
                Array.Clear(scores);
                var v = vectors[i];
                for (var n = 0; n < v.Indices.Length; n++)
                {
                    var row = v.Indices[n] * Centres;
                    var value = v.Values[n];
                    for (var p = 0; p < scores.Length; p++)
                    {
                        scores[p] += value * centres[row + p];
                    }
                }
                var best = 0;
                for (var p = 1; p < scores.Length; p++)
                {
                    best = scores[p] > scores[best] ? p : best;
                }
                if (best != Assignment[i])
                {
                    Interlocked.Increment(ref moved);
                }
                Assignment[i] = best;
                Similarity[i] = scores[best];
                return scores;
            }, _ => { });
            return moved;
        }

        /// <summary>Each centre becomes the normalised sum of its tickets; an emptied centre restarts on the ticket that fits its own pattern worst.</summary>
        private void Update()
        {
            Array.Clear(centres);
            var sizes = new int[Centres];
            for (var i = 0; i < vectors.Length; i++)
            {
                var p = Assignment[i];
                sizes[p]++;
                var v = vectors[i];
                for (var n = 0; n < v.Indices.Length; n++)
                {
                    centres[v.Indices[n] * Centres + p] += v.Values[n];
                }
            }
            var taken = new HashSet<int>();
            for (var p = 0; p < Centres; p++)
            {
                if (sizes[p] > 0)
                {
                    continue;
                }
                var worst = Enumerable.Range(0, vectors.Length).Where(i => !taken.Contains(i)).MinBy(i => Similarity[i]);
                taken.Add(worst);
                var seed = vectors[worst];
                for (var n = 0; n < seed.Indices.Length; n++)
                {
                    centres[seed.Indices[n] * Centres + p] = seed.Values[n];
                }
            }
            var norms = new double[Centres];
            for (var f = 0; f < size; f++)
            {
                for (var p = 0; p < Centres; p++)
                {
                    var value = centres[f * Centres + p];
                    norms[p] += value * value;
                }
            }
            for (var f = 0; f < size; f++)
            {
                for (var p = 0; p < Centres; p++)
                {
                    centres[f * Centres + p] = norms[p] > 0 ? (float)(centres[f * Centres + p] / Math.Sqrt(norms[p])) : 0;
                }
            }
        }

        private static void Scatter(SparseVector v, float[] dense, int on)
        {
            for (var i = 0; i < v.Indices.Length; i++)
            {
                dense[v.Indices[i]] = on * v.Values[i];
            }
        }

        private static float Dot(SparseVector v, float[] dense) => v.Dot(dense);
    }
}
