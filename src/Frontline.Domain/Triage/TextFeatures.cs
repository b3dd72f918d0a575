namespace Frontline.Domain.Triage;

/// <summary>A sparse vector: the features a text has, ascending, with their weights.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public float Dot(ReadOnlySpan<float> weights)
    {
        var sum = 0f;
        for (var i = 0; i < Indices.Length; i++)
        {
            sum += weights[Indices[i]] * Values[i];
        }
        return sum;
    }
}

/// <summary>Which n-grams a vectorizer counts: word n-grams, or character n-grams inside word boundaries.</summary>
public sealed record NgramShape(bool Characters, int MinLength, int MaxLength)
{
    public static NgramShape Words(int min, int max) => new(false, min, max);

    public static NgramShape CharactersInWords(int min, int max) => new(true, min, max);
}

/// <summary>
/// TF-IDF over hashed n-grams, as scikit-learn's TfidfVectorizer does it (smooth idf, sublinear tf, L2 norm),
/// with each n-gram kept as a 64-bit hash instead of a string: no vocabulary of strings to hold or store, and
/// at this size a collision is not expected. Vocabulary is what was seen in training at least MinDf times.
/// </summary>
public sealed class TfIdfVectorizer
{
    private readonly Dictionary<ulong, int> vocabulary;
    private readonly float[] idf;

    private TfIdfVectorizer(NgramShape shape, Dictionary<ulong, int> vocabulary, float[] idf)
    {
        Shape = shape;
        this.vocabulary = vocabulary;
        this.idf = idf;
    }

    public NgramShape Shape { get; }

    public int Size => idf.Length;

    public static TfIdfVectorizer Fit(NgramShape shape, IReadOnlyList<string> texts, int minDf)
    {
        var df = new Dictionary<ulong, int>();
        var seen = new HashSet<ulong>();
        foreach (var text in texts)
        {
            seen.Clear();
            Ngrams(shape, text, seen.Add);
            foreach (var gram in seen)
            {
                df[gram] = df.GetValueOrDefault(gram) + 1;
            }
        }
        var kept = df.Where(p => p.Value >= minDf).OrderBy(p => p.Key).ToList();
        var vocabulary = new Dictionary<ulong, int>(kept.Count);
        var idf = new float[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            vocabulary[kept[i].Key] = i;
            idf[i] = (float)(Math.Log((1.0 + texts.Count) / (1.0 + kept[i].Value)) + 1.0);
        }
        return new TfIdfVectorizer(shape, vocabulary, idf);
    }

    public SparseVector Transform(string text)
    {
        var counts = new Dictionary<int, int>();
        Ngrams(Shape, text, gram =>
        {
            if (vocabulary.TryGetValue(gram, out var index))
            {
                counts[index] = counts.GetValueOrDefault(index) + 1;
            }
            return true;
        });
        var indices = counts.Keys.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        var norm = 0.0;
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] = (float)(1.0 + Math.Log(counts[indices[i]])) * idf[indices[i]];
            norm += values[i] * values[i];
        }
        var scale = norm > 0 ? (float)(1.0 / Math.Sqrt(norm)) : 0f;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }
        return new SparseVector(indices, values);
    }

    /// <summary>Words are runs of two or more letters or digits, lower-cased (scikit-learn's default token pattern).</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (i - start >= 2)
                {
                    words.Add(text[start..i].ToLowerInvariant());
                }
                start = -1;
            }
        }
        return words;
    }

    private static void Ngrams(NgramShape shape, string text, Func<ulong, bool> visit)
    {
        var words = Words(text);
        if (shape.Characters)
        {
            foreach (var word in words)
            {
                var padded = " " + word + " ";
                for (var n = shape.MinLength; n <= shape.MaxLength; n++)
                {
                    for (var i = 0; i + n <= padded.Length; i++)
                    {
                        visit(Hash(padded.AsSpan(i, n), (ulong)n));
                    }
                }
            }
            return;
        }
        for (var n = shape.MinLength; n <= shape.MaxLength; n++)
        {
            for (var i = 0; i + n <= words.Count; i++)
            {
                var hash = 1469598103934665603UL ^ (ulong)(n * 7919);
                for (var k = 0; k < n; k++)
                {
                    hash = Hash(words[i + k].AsSpan(), hash) * 31;
                }
                visit(hash);
            }
        }
    }

    /// <summary>FNV-1a over the characters, seeded so that word and character n-grams of any length live apart.</summary>
    private static ulong Hash(ReadOnlySpan<char> text, ulong seed)
    {
        var hash = 1469598103934665603UL ^ (seed * 0x9E3779B97F4A7C15UL);
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Shape.Characters);
        writer.Write(Shape.MinLength);
        writer.Write(Shape.MaxLength);
        writer.Write(idf.Length);
        foreach (var (gram, index) in vocabulary.OrderBy(p => p.Value))
        {
            writer.Write(gram);
            writer.Write(idf[index]);
        }
    }

    public static TfIdfVectorizer Read(BinaryReader reader)
    {
        var shape = new NgramShape(reader.ReadBoolean(), reader.ReadInt32(), reader.ReadInt32());
        var size = reader.ReadInt32();
        var vocabulary = new Dictionary<ulong, int>(size);
        var idf = new float[size];
        for (var i = 0; i < size; i++)
        {
            vocabulary[reader.ReadUInt64()] = i;
            idf[i] = reader.ReadSingle();
        }
        return new TfIdfVectorizer(shape, vocabulary, idf);
    }
}
