using Frontline.Domain.Triage;

namespace Frontline.Domain.Patterns;

/// <summary>
/// What a discovery keeps to place new tickets in the patterns it found: the features and, per pattern, the
/// heaviest terms of its centre. A new ticket joins the pattern whose centre it is most similar to, so the
/// volume of a pattern keeps being measured after an action without discovering again.
/// </summary>
public sealed class PatternModel
{
    /// <summary>The heaviest weights of a centre carry nearly all of its similarity to any ticket; the rest is noise and bytes.</summary>
    public const int TermsPerCentre = 400;

    private const int FormatVersion = 1;

    private readonly PatternFeatures features;
    private readonly SparseVector[] centres;

    public PatternModel(PatternFeatures features, IReadOnlyList<SparseVector> centres)
    {
        this.features = features;
        this.centres = [.. centres];
    }

    public int Patterns => centres.Length;

    /// <summary>The nearest pattern and the cosine similarity to its centre; (-1, 0) when the ticket shares nothing with any pattern.</summary>
    public (int Pattern, float Similarity) Assign(PatternText ticket)
    {
        var vector = features.Transform(ticket);
        var best = (Pattern: -1, Similarity: 0f);
        for (var p = 0; p < centres.Length; p++)
        {
            var similarity = Dot(vector, centres[p]);
            if (similarity > best.Similarity)
            {
                best = (p, similarity);
            }
        }
        return best;
    }

    /// <summary>Keeps a centre's heaviest weights, at unit length again.</summary>
    public static SparseVector Trim(ReadOnlySpan<float> centre, int keep)
    {
        var heaviest = new List<(int Index, float Value)>();
        for (var i = 0; i < centre.Length; i++)
        {
            if (centre[i] > 0)
            {
                heaviest.Add((i, centre[i]));
            }
        }
        var kept = heaviest.OrderByDescending(h => h.Value).Take(keep).OrderBy(h => h.Index).ToList();
        var norm = (float)Math.Sqrt(kept.Sum(h => (double)h.Value * h.Value));
        return new SparseVector([.. kept.Select(h => h.Index)], [.. kept.Select(h => norm > 0 ? h.Value / norm : 0)]);
    }

    private static float Dot(SparseVector a, SparseVector b)
    {
        var sum = 0f;
        for (int i = 0, j = 0; i < a.Indices.Length && j < b.Indices.Length;)
        {
            if (a.Indices[i] == b.Indices[j])
            {
                sum += a.Values[i++] * b.Values[j++];
            }
            else if (a.Indices[i] < b.Indices[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return sum;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(FormatVersion);
            features.Write(writer);
            writer.Write(centres.Length);
            foreach (var centre in centres)
            {
                writer.Write(centre.Indices.Length);
                for (var i = 0; i < centre.Indices.Length; i++)
                {
                    writer.Write(centre.Indices[i]);
                    writer.Write(centre.Values[i]);
                }
            }
        }
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes were written by another version of the model.</exception>
    public static PatternModel FromBytes(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("The pattern model was saved in another format; discover the patterns again.");
        }
        var features = PatternFeatures.Read(reader);
        var centres = new SparseVector[reader.ReadInt32()];
        for (var p = 0; p < centres.Length; p++)
        {
            var count = reader.ReadInt32();
            var indices = new int[count];
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                indices[i] = reader.ReadInt32();
                values[i] = reader.ReadSingle();
            }
            centres[p] = new SparseVector(indices, values);
        }
        return new PatternModel(features, centres);
    }
}
