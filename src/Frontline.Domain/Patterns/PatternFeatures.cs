using Frontline.Domain.Triage;

namespace Frontline.Domain.Patterns;

/// <summary>
/// A ticket as one unit vector: word TF-IDF of its text (the triage vectorizer) beside one feature per field
/// value (category, service, configuration item), the fields carrying <see cref="FieldWeight"/> of the length.
/// Two tickets are as similar as the cosine of their vectors, so the same words on the same CI count most.
/// </summary>
public sealed class PatternFeatures
{
    private readonly TfIdfVectorizer words;
    private readonly Dictionary<string, int> fields;

    private PatternFeatures(TfIdfVectorizer words, Dictionary<string, int> fields, double fieldWeight)
    {
        this.words = words;
        this.fields = fields;
        FieldWeight = fieldWeight;
    }

    public double FieldWeight { get; }

    public int Size => words.Size + fields.Count;

    public static PatternFeatures Fit(IReadOnlyList<PatternText> tickets, NgramShape shape, int minDf, double fieldWeight)
    {
        var vectorizer = TfIdfVectorizer.Fit(shape, [.. tickets.Select(t => t.Text)], minDf);
        var seen = tickets.SelectMany(FieldValues).GroupBy(v => v, StringComparer.Ordinal)
            .Where(g => g.Count() >= minDf).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var fields = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in seen)
        {
            fields[value] = vectorizer.Size + fields.Count;
        }
        return new PatternFeatures(vectorizer, fields, fieldWeight);
    }

    public SparseVector Transform(PatternText ticket)
    {
        var text = words.Transform(ticket.Text);
        var known = FieldValues(ticket).Where(fields.ContainsKey).Select(v => fields[v]).Distinct().Order().ToArray();
        var hasText = text.Indices.Length > 0;
        var hasFields = known.Length > 0;
        // With only one side present, that side is the whole vector; otherwise each gets its share of the length.
        var textScale = (float)(!hasFields ? 1 : Math.Sqrt(1 - FieldWeight));
        var fieldScale = (float)((!hasText ? 1 : Math.Sqrt(FieldWeight)) / Math.Sqrt(Math.Max(1, known.Length)));
        var indices = new int[text.Indices.Length + known.Length];
        var values = new float[indices.Length];
        text.Indices.CopyTo(indices, 0);
        for (var i = 0; i < text.Values.Length; i++)
        {
            values[i] = text.Values[i] * textScale;
        }
        for (var i = 0; i < known.Length; i++)
        {
            indices[text.Indices.Length + i] = known[i];
            values[text.Indices.Length + i] = fieldScale;
        }
        return new SparseVector(indices, values);
    }

    private static IEnumerable<string> FieldValues(PatternText ticket)
    {
        if (ticket.Category is { Length: > 0 } category)
        {
            yield return "category:" + category;
        }
        if (ticket.Service is { Length: > 0 } service)
        {
            yield return "service:" + service;
        }
        if (ticket.ConfigurationItem is { Length: > 0 } ci)
        {
            yield return "ci:" + ci;
        }
    }

    public void Write(BinaryWriter writer)
    {
        words.Write(writer);
        writer.Write(FieldWeight);
        writer.Write(fields.Count);
        foreach (var (value, _) in fields.OrderBy(f => f.Value))
        {
            writer.Write(value);
        }
    }

    public static PatternFeatures Read(BinaryReader reader)
    {
        var words = TfIdfVectorizer.Read(reader);
        var weight = reader.ReadDouble();
        var count = reader.ReadInt32();
        var fields = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            fields[reader.ReadString()] = words.Size + i;
        }
        return new PatternFeatures(words, fields, weight);
    }
}
