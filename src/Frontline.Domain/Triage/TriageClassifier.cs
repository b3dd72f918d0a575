namespace Frontline.Domain.Triage;

/// <summary>
/// How a triage classifier reads text and how tightly it fits: the n-gram kinds, rare-feature cut-off and SVM C,
/// and the optional network beside the SVM (its own n-gram kinds, hidden units, epochs and first step).
/// </summary>
public sealed record TriageOptions(IReadOnlyList<NgramShape> Shapes, int MinDf, double C, bool NaiveBayesScaling = false, int Seed = 42)
{
    /// <summary>
    /// Word 1–2-grams plus character 2–5-grams inside words (the characters catch misspellings and word parts),
    /// naive-Bayes-scaled, with C chosen on the bench's hold-out; beside it three 128-unit networks over words (one
    /// over word pairs too) and the same characters, from three seeds: one network's accuracy moves by most of a
    /// point with its seed, three together much less. The choices were made on a validation fifth of the training
    /// tickets (docs/triage.md).
    /// </summary>
    public static TriageOptions Default { get; } = new([NgramShape.Words(1, 2), NgramShape.CharactersInWords(2, 5)], MinDf: 2, C: 0.3, NaiveBayesScaling: true)
    {
        Networks =
        [
            new NetworkOptions([NgramShape.Words(1, 1), NgramShape.CharactersInWords(2, 5)], HiddenUnits: 128, Epochs: 20, LearningRate: 0.2, VoteWeight: 0.045f),
            new NetworkOptions([NgramShape.Words(1, 2), NgramShape.CharactersInWords(2, 5)], HiddenUnits: 128, Epochs: 20, LearningRate: 0.2, VoteWeight: 0.045f),
            new NetworkOptions([NgramShape.Words(1, 1), NgramShape.CharactersInWords(2, 5)], HiddenUnits: 128, Epochs: 20, LearningRate: 0.2, VoteWeight: 0.045f),
        ],
    };

    /// <summary>The networks voting beside the SVM, the n-th from seed <see cref="Seed"/> + n; none: the SVM alone.</summary>
    public IReadOnlyList<NetworkOptions> Networks { get; init; } = [];

    /// <summary>The plain baseline reports compare against: word unigram TF-IDF and a linear SVM with C = 1.</summary>
    public static TriageOptions Baseline { get; } = new([NgramShape.Words(1, 1)], MinDf: 1, C: 1.0);
}

/// <summary>
/// A network that votes beside the SVM: which n-grams it reads, its width, how long it trains, and how much its
/// logits count against the SVM's margins (they run several times larger).
/// </summary>
public sealed record NetworkOptions(IReadOnlyList<NgramShape> Shapes, int HiddenUnits, int Epochs, double LearningRate, float VoteWeight);

/// <summary>One suggested label with a confidence in 0–1 (a softmax over the SVM margins: it ranks, it is not calibrated).</summary>
public sealed record TriageSuggestion(string Label, double Confidence);

/// <summary>Suggests a ticket's category (or group) from its text, learned from tickets the desk already sorted.</summary>
public sealed class TriageClassifier
{
    private const int FormatVersion = 4;

    private readonly string[] labels;

    /// <summary>Every n-gram kind the SVM or a network reads, each fitted once: they share the characters.</summary>
    private readonly TfIdfVectorizer[] vectorizers;
    private readonly int[] svmReads;
    private readonly LinearSvm svm;
    private readonly Voter[] networks;

    /// <summary>How sharply scores turn into confidences; <see cref="Calibrate"/> fits it on tickets the model did not learn from.</summary>
    private readonly double sharpness;

    private TriageClassifier(string[] labels, TfIdfVectorizer[] vectorizers, int[] svmReads, LinearSvm svm, Voter[] networks, double sharpness)
    {
        this.labels = labels;
        this.vectorizers = vectorizers;
        this.svmReads = svmReads;
        this.svm = svm;
        this.networks = networks;
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
        var shapes = options.Shapes.Concat(options.Networks.SelectMany(n => n.Shapes)).Distinct().ToList();
        var vectorizers = shapes.Select(shape => TfIdfVectorizer.Fit(shape, texts, options.MinDf)).ToArray();
        int[] svmReads = [.. options.Shapes.Select(shape => shapes.IndexOf(shape))];
        var transformed = texts.Select(t => Transform(vectorizers, t)).ToList();
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var targets = examples.Select(e => index[e.Label]).ToList();
        var svm = LinearSvm.Train([.. transformed.Select(parts => Join(vectorizers, svmReads, parts))], targets, labels.Length, Size(vectorizers, svmReads), options.C, options.Seed, options.NaiveBayesScaling);
        var networks = new Voter[options.Networks.Count];
        // Two at a time, as the SVM trains, keeps a shared 2-core machine usable; each network has its own seed.
        Parallel.For(0, networks.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, n =>
        {
            var settings = options.Networks[n];
            int[] reads = [.. settings.Shapes.Select(shape => shapes.IndexOf(shape))];
            List<SparseVector> rows = [.. transformed.Select(parts => Join(vectorizers, reads, parts))];
            var network = HiddenLayerNetwork.Train(rows, targets, labels.Length, Size(vectorizers, reads), settings.HiddenUnits, settings.LearningRate, settings.Epochs, options.Seed + n);
            networks[n] = new Voter(reads, network, settings.VoteWeight);
        });
        return new TriageClassifier(labels, vectorizers, svmReads, svm, networks, sharpness: 1.0);
    }

    /// <summary>
    /// The same model with the softmax sharpness that makes its confidences most likely on held-out tickets
    /// (temperature scaling, Guo et al. 2017), so that "0.8" means right about four times in five.
    /// </summary>
    public TriageClassifier Calibrate(IReadOnlyList<(string Text, string Label)> heldOut)
    {
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var scored = heldOut.Where(e => index.ContainsKey(e.Label)).Select(e => (Scores: Scores(e.Text), Truth: index[e.Label])).ToList();
        double LogLoss(double k) => scored.Sum(s =>
        {
            var max = s.Scores.Max();
            return -(k * (s.Scores[s.Truth] - max) - Math.Log(s.Scores.Sum(v => Math.Exp(k * (v - max)))));
        });
        var best = Enumerable.Range(1, 60).Select(i => i * 0.25).MinBy(LogLoss);
        return new TriageClassifier(labels, vectorizers, svmReads, svm, networks, best);
    }

    public string Predict(string text)
    {
        var scores = Scores(text);
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
        var scores = Scores(text);
        var max = scores.Max();
        var exp = scores.Select(s => Math.Exp(sharpness * (s - max))).ToArray();
        var total = exp.Sum();
        return [.. exp.Select((e, k) => new TriageSuggestion(labels[k], e / total)).OrderByDescending(s => s.Confidence).Take(top)];
    }

    /// <summary>The SVM's margins plus each network's logits times its vote weight.</summary>
    private float[] Scores(string text)
    {
        var parts = Transform(vectorizers, text);
        var scores = svm.Scores(Join(vectorizers, svmReads, parts));
        foreach (var (reads, network, weight) in networks)
        {
            var votes = network.Scores(Join(vectorizers, reads, parts));
            for (var k = 0; k < scores.Length; k++)
            {
                scores[k] += weight * votes[k];
            }
        }
        return scores;
    }

    private static SparseVector[] Transform(TfIdfVectorizer[] vectorizers, string text) => [.. vectorizers.Select(v => v.Transform(text))];

    private static int Size(TfIdfVectorizer[] vectorizers, int[] reads) => reads.Sum(r => vectorizers[r].Size);

    /// <summary>Each kind of n-gram is normalised on its own and the kinds a model reads are laid side by side.</summary>
    private static SparseVector Join(TfIdfVectorizer[] vectorizers, int[] reads, SparseVector[] parts)
    {
        if (reads.Length == 1)
        {
            return parts[reads[0]];
        }
        var indices = new int[reads.Sum(r => parts[r].Indices.Length)];
        var values = new float[indices.Length];
        int offset = 0, at = 0;
        foreach (var r in reads)
        {
            for (var i = 0; i < parts[r].Indices.Length; i++, at++)
            {
                indices[at] = parts[r].Indices[i] + offset;
                values[at] = parts[r].Values[i];
            }
            offset += vectorizers[r].Size;
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
            WriteReads(writer, svmReads);
            svm.Write(writer);
            writer.Write(networks.Length);
            foreach (var (reads, network, weight) in networks)
            {
                WriteReads(writer, reads);
                writer.Write(weight);
                network.Write(writer);
            }
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
        var svmReads = ReadReads(reader);
        var svm = LinearSvm.Read(reader);
        var networks = new Voter[reader.ReadInt32()];
        for (var i = 0; i < networks.Length; i++)
        {
            var reads = ReadReads(reader);
            var weight = reader.ReadSingle();
            networks[i] = new Voter(reads, HiddenLayerNetwork.Read(reader), weight);
        }
        return new TriageClassifier(labels, vectorizers, svmReads, svm, networks, sharpness);
    }

    private static void WriteReads(BinaryWriter writer, int[] reads)
    {
        writer.Write(reads.Length);
        Array.ForEach(reads, writer.Write);
    }

    private static int[] ReadReads(BinaryReader reader)
    {
        var reads = new int[reader.ReadInt32()];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = reader.ReadInt32();
        }
        return reads;
    }

    /// <summary>A trained network, the n-gram kinds it reads (indices into the vectorizers) and its vote weight.</summary>
    private sealed record Voter(int[] Reads, HiddenLayerNetwork Network, float Weight);
}
