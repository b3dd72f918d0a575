namespace Frontline.Domain.Triage;

/// <summary>How a triage classifier reads text and how tightly it fits: the n-gram kinds, rare-feature cut-off and SVM C.</summary>
public sealed record TriageOptions(IReadOnlyList<NgramShape> Shapes, int MinDf, double C, bool NaiveBayesScaling = false, int Seed = 42)
{
    /// <summary>
    /// Word 1–2-grams plus character 2–5-grams inside words (the characters catch misspellings and word parts),
    /// naive-Bayes-scaled; C chosen on the bench's hold-out (docs/triage.md has the runs).
    /// </summary>
    public static TriageOptions Default { get; } = new([NgramShape.Words(1, 2), NgramShape.CharactersInWords(2, 5)], MinDf: 2, C: 0.3, NaiveBayesScaling: true);

    /// <summary>The plain baseline reports compare against: word unigram TF-IDF and a linear SVM with C = 1.</summary>
    public static TriageOptions Baseline { get; } = new([NgramShape.Words(1, 1)], MinDf: 1, C: 1.0);
}

/// <summary>One suggested label with a confidence in 0–1 (a softmax over the SVM margins: it ranks, it is not calibrated).</summary>
public sealed record TriageSuggestion(string Label, double Confidence);

/// <summary>Suggests a ticket's category (or group) from its text, learned from tickets the desk already sorted.</summary>
public sealed class TriageClassifier
{
    private const int FormatVersion = 2;

    private readonly string[] labels;
    private readonly TfIdfVectorizer[] vectorizers;
    private readonly LinearSvm svm;

    /// <summary>How sharply margins turn into confidences; <see cref="Calibrate"/> fits it on tickets the model did not learn from.</summary>
    private readonly double sharpness;

    private TriageClassifier(string[] labels, TfIdfVectorizer[] vectorizers, LinearSvm svm, double sharpness)
    {
        this.labels = labels;
        this.vectorizers = vectorizers;
        this.svm = svm;
        this.sharpness = sharpness;
    }

    public IReadOnlyList<string> Labels => labels;

    public static TriageClassifier Train(IReadOnlyList<(string Text, string Label)> examples, TriageOptions options)
    {
        var labels = examples.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException("Triage needs examples of at least two labels.", nameof(examples));
        }
        var texts = examples.Select(e => e.Text).ToList();
        var vectorizers = options.Shapes.Select(shape => TfIdfVectorizer.Fit(shape, texts, options.MinDf)).ToArray();
        var rows = texts.Select(t => Vectorize(vectorizers, t)).ToList();
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var targets = examples.Select(e => index[e.Label]).ToList();
        var svm = LinearSvm.Train(rows, targets, labels.Length, vectorizers.Sum(v => v.Size), options.C, options.Seed, options.NaiveBayesScaling);
        return new TriageClassifier(labels, vectorizers, svm, sharpness: 1.0);
    }

    /// <summary>
    /// The same model with the softmax sharpness that makes its confidences most likely on held-out tickets
    /// (temperature scaling, Guo et al. 2017), so that "0.8" means right about four times in five.
    /// </summary>
    public TriageClassifier Calibrate(IReadOnlyList<(string Text, string Label)> heldOut)
    {
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var scored = heldOut.Where(e => index.ContainsKey(e.Label)).Select(e => (Scores: svm.Scores(Vectorize(vectorizers, e.Text)), Truth: index[e.Label])).ToList();
        double LogLoss(double k) => scored.Sum(s =>
        {
            var max = s.Scores.Max();
            return -(k * (s.Scores[s.Truth] - max) - Math.Log(s.Scores.Sum(v => Math.Exp(k * (v - max)))));
        });
        var best = Enumerable.Range(1, 60).Select(i => i * 0.25).MinBy(LogLoss);
        return new TriageClassifier(labels, vectorizers, svm, best);
    }

    public string Predict(string text)
    {
        var scores = svm.Scores(Vectorize(vectorizers, text));
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            best = scores[k] > scores[best] ? k : best;
        }
        return labels[best];
    }

    /// <summary>The labels from most to least likely, each with its confidence.</summary>
    public IReadOnlyList<TriageSuggestion> Suggest(string text, int top)
    {
        var scores = svm.Scores(Vectorize(vectorizers, text));
        var max = scores.Max();
        var exp = scores.Select(s => Math.Exp(sharpness * (s - max))).ToArray();
        var total = exp.Sum();
        return [.. exp.Select((e, k) => new TriageSuggestion(labels[k], e / total)).OrderByDescending(s => s.Confidence).Take(top)];
    }

    /// <summary>Each kind of n-gram is normalised on its own and the kinds are laid side by side.</summary>
    private static SparseVector Vectorize(TfIdfVectorizer[] vectorizers, string text)
    {
        if (vectorizers.Length == 1)
        {
            return vectorizers[0].Transform(text);
        }
        var parts = vectorizers.Select(v => v.Transform(text)).ToArray();
        var indices = new int[parts.Sum(p => p.Indices.Length)];
        var values = new float[indices.Length];
        int offset = 0, at = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            for (var i = 0; i < parts[p].Indices.Length; i++, at++)
            {
                indices[at] = parts[p].Indices[i] + offset;
                values[at] = parts[p].Values[i];
            }
            offset += vectorizers[p].Size;
        }
        return new SparseVector(indices, values);
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(sharpness);
            writer.Write(labels.Length);
            Array.ForEach(labels, writer.Write);
            writer.Write(vectorizers.Length);
            Array.ForEach(vectorizers, v => v.Write(writer));
            svm.Write(writer);
        }
        return buffer.ToArray();
    }

    public static TriageClassifier FromBytes(byte[] content)
    {
        using var reader = new BinaryReader(new MemoryStream(content), System.Text.Encoding.UTF8);
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("This triage model was saved by another version of Frontline; train it again.");
        }
        var sharpness = reader.ReadDouble();
        var labels = new string[reader.ReadInt32()];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = reader.ReadString();
        }
        var vectorizers = new TfIdfVectorizer[reader.ReadInt32()];
        for (var i = 0; i < vectorizers.Length; i++)
        {
            vectorizers[i] = TfIdfVectorizer.Read(reader);
        }
        return new TriageClassifier(labels, vectorizers, LinearSvm.Read(reader), sharpness);
    }
}
