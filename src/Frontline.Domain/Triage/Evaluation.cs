namespace Frontline.Domain.Triage;

/// <summary>How well a classifier did on tickets it never saw.</summary>
public sealed record TriageScore(int Tickets, double Accuracy, double MacroF1, IReadOnlyDictionary<string, double> F1ByLabel);

public static class Evaluation
{
    /// <summary>
    /// A stratified hold-out: within each label, items keep their input order, are shuffled by
    /// <c>new Random(seed)</c> (the seeded generator gives the same sequence on every .NET version) and the
    /// first round(fraction × count) go to the test side. Labels are visited in ordinal order, so the split
    /// depends only on the data, the fraction and the seed.
    /// </summary>
    public static (List<T> Train, List<T> Test) StratifiedSplit<T>(IReadOnlyList<T> items, Func<T, string> label, double fraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<T>();
        var test = new List<T>();
        foreach (var group in items.GroupBy(label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var testCount = (int)Math.Round(fraction * members.Length, MidpointRounding.AwayFromZero);
            test.AddRange(members[..testCount]);
            train.AddRange(members[testCount..]);
        }
        return (train, test);
    }

    public static TriageScore Score(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        var labels = truth.Concat(predicted).Distinct().Order(StringComparer.Ordinal).ToList();
        var f1 = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var truePositive = truth.Zip(predicted).Count(p => p.First == label && p.Second == label);
            var predictedCount = predicted.Count(p => p == label);
            var actualCount = truth.Count(t => t == label);
            var precision = predictedCount == 0 ? 0 : (double)truePositive / predictedCount;
            var recall = actualCount == 0 ? 0 : (double)truePositive / actualCount;
            f1[label] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        var accuracy = (double)truth.Zip(predicted).Count(p => p.First == p.Second) / truth.Count;
        // Macro-F1 over the labels that occur in the truth, as scikit-learn reports it for a held-out set.
        var macro = truth.Distinct().Average(l => f1[l]);
        return new TriageScore(truth.Count, accuracy, macro, f1);
    }
}
