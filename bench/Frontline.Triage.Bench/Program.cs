using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frontline.Benchmarks;
using Frontline.Domain.Triage;
using Frontline.Features.Import;

// Auto-triage on the IT ticket topics dataset: accuracy and macro-F1 on a fixed stratified 20 % hold-out
// (seed 42, see Evaluation.StratifiedSplit), and per-ticket suggestion latency, printed as a Markdown table.
// With --validate it never touches the hold-out: it learns from four fifths of the training tickets and scores on the
// fifth left (stratified, seed 7), which is where configurations are chosen (docs/triage.md).
// Usage: dotnet run --project bench/Frontline.Triage.Bench -c Release [-- FILE] [--validate] [--c C] [--min-df N] [--shapes w1-2,c2-5] [--epochs N]
var arguments = new BenchArguments(args);
var validating = arguments.TakeSwitch("--validate");
var tuned = TriageOptions.Default;
if (arguments.Take("--c") is { } c)
{
    tuned = tuned with { C = double.Parse(c, CultureInfo.InvariantCulture) };
}
if (arguments.Take("--nb") is { } nb)
{
    tuned = tuned with { NaiveBayesScaling = nb == "on" };
}
if (arguments.Take("--min-df") is { } minDf)
{
    tuned = tuned with { MinDf = int.Parse(minDf, CultureInfo.InvariantCulture) };
}
if (arguments.Take("--epochs") is { } epochs)
{
    tuned = tuned with { Networks = [.. tuned.Networks.Select(n => n with { Epochs = int.Parse(epochs, CultureInfo.InvariantCulture) })] };
}
if (arguments.Take("--shapes") is { } shapes)
{
    tuned = tuned with
    {
        Shapes = [.. shapes.Split(',').Select(s => (Chars: s[0] == 'c', Range: s[1..].Split('-').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray()))
            .Select(s => new NgramShape(s.Chars, s.Range[0], s.Range[^1]))],
    };
}
var file = arguments.Rest ?? FindData("it_tickets_topics.csv.gz");

var examples = new List<(string Text, string Label)>();
using (var reader = new StreamReader(CsvRecords.Open(file), Encoding.UTF8))
{
    foreach (var record in CsvRecords.Read(reader, _ => { }))
    {
        examples.Add((record.Fields[0], record.Fields[1]));
    }
}
var (train, test) = Evaluation.StratifiedSplit(examples, e => e.Label, 0.2, seed: 42);
var scoredOn = $"{test.Count:N0} of {examples.Count:N0} tickets held out (stratified 20 %, seed 42)";
if (validating)
{
    (train, test) = Evaluation.StratifiedSplit(train, e => e.Label, 0.2, seed: 7);
    scoredOn = $"validation: {test.Count:N0} of the {train.Count + test.Count:N0} training tickets (stratified 20 %, seed 7); the hold-out is not used";
}
Console.Error.WriteLine($"{examples.Count:N0} tickets: {train.Count:N0} to train, scored on {scoredOn}");

var rows = new List<string>();
var models = new[]
{
    ("TF-IDF words + linear SVM (baseline)", TriageOptions.Baseline),
    ("word 1–2 + char 2–5 TF-IDF, NB-scaled linear SVM alone", tuned with { Networks = [] }),
    ("Frontline triage: that SVM + three 128-unit networks over words (one word 1–2) and char 2–5", tuned),
};
foreach (var (name, options) in models)
{
    var watch = Stopwatch.StartNew();
    var model = TriageClassifier.Train(train, options);
    var trainSeconds = watch.Elapsed.TotalSeconds;
    foreach (var (text, _) in test.Take(200))
    {
        model.Suggest(text, 3);
    }
    var latencies = new double[test.Count];
    var predicted = new string[test.Count];
    for (var i = 0; i < test.Count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        predicted[i] = model.Suggest(test[i].Text, 3)[0].Label;
        latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(latencies);
    var score = Evaluation.Score([.. test.Select(t => t.Label)], predicted);
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {score.Accuracy:P2} | {score.MacroF1:F4} | {latencies.Average():F3} | {latencies[(int)(0.99 * latencies.Length)]:F3} | {trainSeconds:F1} | {model.ToBytes().Length / 1024.0 / 1024.0:F1} |"));
    Console.Error.WriteLine(rows[^1]);
}
Console.WriteLine($"""
    Scored on {scoredOn}. Frontline options: C = {tuned.C.ToString(CultureInfo.InvariantCulture)}, min df = {tuned.MinDf}, naive Bayes scaling = {tuned.NaiveBayesScaling}, network epochs = {string.Join(" / ", tuned.Networks.Select(n => n.Epochs))}.

    | model | accuracy | macro-F1 | latency mean (ms) | latency p99 (ms) | training (s) | model (MiB) |
    | --- | ---: | ---: | ---: | ---: | ---: | ---: |
    {string.Join('\n', rows)}

    Latency: one ticket at a time on one thread, text to top-3 suggestions. Machine: {Environment.ProcessorCount} cores.
    """);

static string FindData(string name)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "data", name);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }
    throw new FileNotFoundException($"No shared/data/{name} above {AppContext.BaseDirectory}; pass the file's path.");
}
