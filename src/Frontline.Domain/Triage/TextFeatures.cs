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
        // A list of hits sorted once costs less than a dictionary per text, and suggestions run on every new ticket.
        var hits = new List<int>(256);
        Ngrams(Shape, text, gram =>
        {
            if (vocabulary.TryGetValue(gram, out var index))
            {
                hits.Add(index);
            }
            return true;
        });
        hits.Sort();
        var indices = new List<int>(hits.Count);
        var values = new List<float>(hits.Count);
        var norm = 0.0;
        for (var i = 0; i < hits.Count;)
        {
            var run = i;
            while (run < hits.Count && hits[run] == hits[i])
            {
                run++;
            }
            var value = (float)(1.0 + Math.Log(run - i)) * idf[hits[i]];
            indices.Add(hits[i]);
            values.Add(value);
            norm += value * value;
            i = run;
        }
        var scale = norm > 0 ? (float)(1.0 / Math.Sqrt(norm)) : 0f;
        var scaled = values.ToArray();
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] *= scale;
        }
        return new SparseVector([.. indices], scaled);
    }

    /// <summary>The words word n-grams are made of, lower-cased: what a pattern's label is read from.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var lower = text.ToLowerInvariant();
        return Words(lower).Select(word => lower[word]);
    }

    /// <summary>Words are runs of two or more letters or digits, lower-cased (scikit-learn's default token pattern).</summary>
    private static List<Range> Words(string lower)
    {
        var words = new List<Range>();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var inWord = i < lower.Length && char.IsLetterOrDigit(lower[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (i - start >= 2)
                {
                    words.Add(start..i);
                }
                start = -1;
            }
        }
        return words;
    }

    private static void Ngrams(NgramShape shape, string text, Func<ulong, bool> visit)
    {
        var lower = text.ToLowerInvariant();
        var words = Words(lower);
        if (shape.Characters)
        {
            Span<char> buffer = stackalloc char[258];
            foreach (var word in words)
            {
                var letters = lower.AsSpan(word);
                // Words are padded with a space each side, as scikit-learn's char_wb does, so "vpn" yields " vp" and "pn ".
                var padded = letters.Length + 2 <= buffer.Length ? buffer[..(letters.Length + 2)] : new char[letters.Length + 2];
                padded[0] = ' ';
                letters.CopyTo(padded[1..]);
                padded[^1] = ' ';
                for (var n = shape.MinLength; n <= shape.MaxLength; n++)
                {
                    for (var i = 0; i + n <= padded.Length; i++)
                    {
                        visit(Hash(padded.Slice(i, n), (ulong)n));
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
                    hash = Hash(lower.AsSpan(words[i + k]), hash) * 31;
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
