namespace Frontline.Domain.Triage;

/// <summary>
/// A feed-forward network with one hidden layer of rectified units over sparse TF-IDF rows and a softmax over the
/// labels, trained by plain stochastic gradient descent with dropout on the hidden layer. It learns combinations
/// of words that a linear model cannot, and its mistakes differ from the SVM's, so the two together beat either.
/// Training is single-threaded from a seeded generator, so the same tickets give the same network.
/// </summary>
public sealed class HiddenLayerNetwork
{
    private const double Dropout = 0.5;

    /// <summary>Input weights laid out feature by feature: the hidden units a feature feeds are contiguous.</summary>
    private readonly float[] inputWeights;
    private readonly float[] hiddenBias;

    /// <summary>Output weights laid out label by label.</summary>
    private readonly float[] outputWeights;
    private readonly float[] outputBias;

    private HiddenLayerNetwork(float[] inputWeights, float[] hiddenBias, float[] outputWeights, float[] outputBias)
    {
        this.inputWeights = inputWeights;
        this.hiddenBias = hiddenBias;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
    }

    private int Hidden => hiddenBias.Length;

    private int Classes => outputBias.Length;

    /// <param name="learningRate">The first epoch's step; it falls linearly towards zero over the epochs.</param>
    public static HiddenLayerNetwork Train(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int classes, int features, int hidden, double learningRate, int epochs, int seed)
    {
        var random = new Random(seed);
        var inputWeights = new float[features * hidden];
        for (var i = 0; i < inputWeights.Length; i++)
        {
            inputWeights[i] = (float)((random.NextDouble() * 2 - 1) * 0.2);
        }
        var outputWeights = new float[classes * hidden];
        var outputRange = Math.Sqrt(6.0 / (hidden + classes));
        for (var i = 0; i < outputWeights.Length; i++)
        {
            outputWeights[i] = (float)((random.NextDouble() * 2 - 1) * outputRange);
        }
        var network = new HiddenLayerNetwork(inputWeights, new float[hidden], outputWeights, new float[classes]);
        var activations = new float[hidden];
        var logits = new float[classes];
        var hiddenGradient = new float[hidden];
        var order = Enumerable.Range(0, rows.Count).ToArray();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = (float)(learningRate * (1 - (double)epoch / epochs));
            foreach (var i in order)
            {
                network.Forward(rows[i], activations, logits, random);
                network.Backward(rows[i], labels[i], activations, logits, hiddenGradient, rate);
            }
        }
        // Stored at half precision, which halves the model and changes no suggestion measurably; rounded here
        // too, so a saved network answers exactly as the one that was trained.
        foreach (var weights in new[] { inputWeights, network.hiddenBias, outputWeights, network.outputBias })
        {
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)(Half)weights[i];
            }
        }
        return network;
    }

    /// <summary>The label scores (logits) for one ticket's features.</summary>
    public float[] Scores(SparseVector row)
    {
        var logits = new float[Classes];
        Forward(row, new float[Hidden], logits, dropout: null);
        return logits;
    }

    /// <param name="dropout">While training, silences each hidden unit with probability one half (and doubles the rest).</param>
    private void Forward(SparseVector row, float[] activations, float[] logits, Random? dropout)
    {
        var hidden = Hidden;
        Array.Copy(hiddenBias, activations, hidden);
        for (var j = 0; j < row.Indices.Length; j++)
        {
            var weights = inputWeights.AsSpan(row.Indices[j] * hidden, hidden);
            var value = row.Values[j];
            for (var u = 0; u < hidden; u++)
            {
                activations[u] += weights[u] * value;
            }
        }
        for (var u = 0; u < hidden; u++)
        {
            var active = Math.Max(activations[u], 0f);
            activations[u] = dropout is null ? active : dropout.NextDouble() < Dropout ? 0f : active / (float)(1 - Dropout);
        }
        for (var k = 0; k < logits.Length; k++)
        {
            var weights = outputWeights.AsSpan(k * hidden, hidden);
            var sum = outputBias[k];
            for (var u = 0; u < hidden; u++)
            {
                sum += weights[u] * activations[u];
            }
            logits[k] = sum;
        }
    }

    private void Backward(SparseVector row, int label, float[] activations, float[] logits, float[] hiddenGradient, float rate)
    {
        var hidden = Hidden;
        var max = logits.Max();
        var total = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            total += Math.Exp(logits[k] - max);
        }
        Array.Clear(hiddenGradient);
        for (var k = 0; k < logits.Length; k++)
        {
            var gradient = (float)(Math.Exp(logits[k] - max) / total) - (k == label ? 1f : 0f);
            var weights = outputWeights.AsSpan(k * hidden, hidden);
            for (var u = 0; u < hidden; u++)
            {
                hiddenGradient[u] += gradient * weights[u];
                weights[u] -= rate * gradient * activations[u];
            }
            outputBias[k] -= rate * gradient;
        }
        for (var u = 0; u < hidden; u++)
        {
            // A silenced or inactive unit passes nothing back; a kept one was scaled up by the dropout.
            hiddenGradient[u] = activations[u] > 0 ? hiddenGradient[u] / (float)(1 - Dropout) : 0f;
            hiddenBias[u] -= rate * hiddenGradient[u];
        }
        for (var j = 0; j < row.Indices.Length; j++)
        {
            var weights = inputWeights.AsSpan(row.Indices[j] * hidden, hidden);
            var step = rate * row.Values[j];
            for (var u = 0; u < hidden; u++)
            {
                weights[u] -= step * hiddenGradient[u];
            }
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Hidden);
        writer.Write(Classes);
        writer.Write(inputWeights.Length);
        foreach (var array in new[] { inputWeights, hiddenBias, outputWeights, outputBias })
        {
            foreach (var value in array)
            {
                writer.Write((Half)value);
            }
        }
    }

    public static HiddenLayerNetwork Read(BinaryReader reader)
    {
        var hidden = reader.ReadInt32();
        var classes = reader.ReadInt32();
        var inputs = reader.ReadInt32();
        float[] Floats(int count)
        {
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = (float)reader.ReadHalf();
            }
            return values;
        }
        return new HiddenLayerNetwork(Floats(inputs), Floats(hidden), Floats(classes * hidden), Floats(classes));
    }
}
