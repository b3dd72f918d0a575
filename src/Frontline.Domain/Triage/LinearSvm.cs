namespace Frontline.Domain.Triage;

/// <summary>
/// One-vs-rest linear SVM with squared hinge loss, trained by dual coordinate descent (Hsieh et al. 2008, the
/// method behind LIBLINEAR and scikit-learn's LinearSVC). It converges in a few passes over sparse TF-IDF rows
/// and needs no learning rate, so training is repeatable to the bit for a given seed.
/// </summary>
public sealed class LinearSvm
{
    private readonly float[][] weights;
    private readonly float[] bias;

    private LinearSvm(float[][] weights, float[] bias)
    {
        this.weights = weights;
        this.bias = bias;
    }

    public int Classes => weights.Length;

    /// <param name="c">Inverse regularisation: larger fits the training tickets more closely.</param>
    /// <param name="naiveBayesScaling">
    /// Scale each feature, per class, by its naive Bayes log-count ratio before fitting (NBSVM, Wang and Manning 2012):
    /// words that tell a class apart get room to weigh more. The scale is folded into the weights afterwards.
    /// </param>
    public static LinearSvm Train(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int classes, int features, double c, int seed, bool naiveBayesScaling, int passes = 30)
    {
        var weights = new float[classes][];
        var bias = new float[classes];
        // Each class is its own problem; two at a time keeps a shared 2-core machine usable.
        Parallel.For(0, classes, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
        {
            var scale = naiveBayesScaling ? LogCountRatio(rows, labels, k, features) : null;
            (weights[k], bias[k]) = TrainOne(rows, labels, k, features, c, seed + k, passes, scale);
        });
        return new LinearSvm(weights, bias);
    }

    private static float[] LogCountRatio(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int positive, int features)
    {
        var inClass = new double[features];
        var outside = new double[features];
        for (var i = 0; i < rows.Count; i++)
        {
            var counts = labels[i] == positive ? inClass : outside;
            foreach (var j in rows[i].Indices)
            {
                counts[j] += 1;
            }
        }
        double inTotal = inClass.Sum() + features, outTotal = outside.Sum() + features;
        var ratio = new float[features];
        for (var j = 0; j < features; j++)
        {
            ratio[j] = (float)Math.Abs(Math.Log((inClass[j] + 1) / inTotal / ((outside[j] + 1) / outTotal)));
        }
        return ratio;
    }

    private static (float[] Weights, float Bias) TrainOne(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int positive, int features, double c, int seed, int passes, float[]? scale)
    {
        if (scale is not null)
        {
            rows = [.. rows.Select(r => new SparseVector(r.Indices, [.. r.Values.Select((v, j) => v * scale[r.Indices[j]])]))];
        }
        // The bias is a feature that is always 1, as LIBLINEAR does it.
        var w = new double[features];
        var b = 0.0;
        var alpha = new double[rows.Count];
        var diagonal = 1.0 / (2.0 * c);
        var squaredNorm = rows.Select(r => r.Values.Sum(v => (double)v * v) + 1.0 + diagonal).ToArray();
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new Random(seed);
        for (var pass = 0; pass < passes; pass++)
        {
            random.Shuffle(order);
            var largestStep = 0.0;
            foreach (var i in order)
            {
                var row = rows[i];
                var y = labels[i] == positive ? 1.0 : -1.0;
                var margin = b;
                for (var j = 0; j < row.Indices.Length; j++)
                {
                    margin += w[row.Indices[j]] * row.Values[j];
                }
                var gradient = y * margin - 1.0 + diagonal * alpha[i];
                var projected = alpha[i] == 0 ? Math.Min(gradient, 0) : gradient;
                if (Math.Abs(projected) < 1e-12)
                {
                    continue;
                }
                var before = alpha[i];
                alpha[i] = Math.Max(before - gradient / squaredNorm[i], 0);
                var step = (alpha[i] - before) * y;
                for (var j = 0; j < row.Indices.Length; j++)
                {
                    w[row.Indices[j]] += step * row.Values[j];
                }
                b += step;
                largestStep = Math.Max(largestStep, Math.Abs(projected));
            }
            if (largestStep < 0.1)
            {
                break;
            }
        }
        return (w.Select((v, j) => (float)(v * (scale?[j] ?? 1f))).ToArray(), (float)b);
    }

    public float[] Scores(SparseVector row)
    {
        var scores = new float[weights.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            scores[k] = row.Dot(weights[k]) + bias[k];
        }
        return scores;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(weights.Length);
        writer.Write(weights[0].Length);
        for (var k = 0; k < weights.Length; k++)
        {
            writer.Write(bias[k]);
            foreach (var v in weights[k])
            {
                writer.Write(v);
            }
        }
    }

    public static LinearSvm Read(BinaryReader reader)
    {
        var classes = reader.ReadInt32();
        var features = reader.ReadInt32();
        var weights = new float[classes][];
        var bias = new float[classes];
        for (var k = 0; k < classes; k++)
        {
            bias[k] = reader.ReadSingle();
            weights[k] = new float[features];
            for (var j = 0; j < features; j++)
            {
                weights[k][j] = reader.ReadSingle();
            }
        }
        return new LinearSvm(weights, bias);
    }
}
