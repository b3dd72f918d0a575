using System.Globalization;
using Frontline.Domain.Experience;

// The comment sentiment scorer (VADER, see src/Frontline.Domain/Experience/Vader/NOTICE.md) against 200 hand-labelled
// help-desk utterances: accuracy, macro-F1 and the confusion matrix, overall and per subset, as Markdown.
// Usage: dotnet run --project bench/Frontline.Sentiment.Bench -c Release [-- FILE]
var file = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "helpdesk-sentiment-labelled.csv");
var rows = File.ReadLines(file).Skip(1).Select(Csv).Select(f => (Subset: f[0], Label: Enum.Parse<Sentiment>(f[2], ignoreCase: true), Text: f[3])).ToList();
var scored = rows.Select(r => (r.Subset, r.Label, Predicted: SentimentScorer.Classify(SentimentScorer.Score(r.Text)))).ToList();

Console.WriteLine($"Labelled set: {Path.GetFileName(file)} ({rows.Count} utterances)\n");
Console.WriteLine("| subset | n | accuracy | macro-F1 | F1 negative | F1 neutral | F1 positive |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (name, part) in new[] { ("all", scored) }.Concat(scored.GroupBy(s => s.Subset).Select(g => (g.Key, g.ToList()))))
{
    var f1 = Enum.GetValues<Sentiment>().Select(c => F1(part, c)).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {part.Count} | {part.Count(p => p.Label == p.Predicted) / (double)part.Count:0.000} | {f1.Average():0.000} | {f1[0]:0.000} | {f1[1]:0.000} | {f1[2]:0.000} |"));
}
Console.WriteLine("\nConfusion matrix, all (rows: label, columns: scorer)\n");
Console.WriteLine("| label \\ scorer | negative | neutral | positive |");
Console.WriteLine("| --- | ---: | ---: | ---: |");
foreach (var label in Enum.GetValues<Sentiment>())
{
    Console.WriteLine($"| {label.ToString().ToLowerInvariant()} | {string.Join(" | ", Enum.GetValues<Sentiment>().Select(p => scored.Count(s => s.Label == label && s.Predicted == p)))} |");
}

static double F1(List<(string Subset, Sentiment Label, Sentiment Predicted)> part, Sentiment c)
{
    var tp = part.Count(p => p.Label == c && p.Predicted == c);
    var predicted = part.Count(p => p.Predicted == c);
    var actual = part.Count(p => p.Label == c);
    var (precision, recall) = (predicted == 0 ? 0 : tp / (double)predicted, actual == 0 ? 0 : tp / (double)actual);
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}

// One CSV line with quoted fields ("" inside quotes); the labelled file has no line breaks inside fields.
static List<string> Csv(string line)
{
    var fields = new List<string>();
    var field = new System.Text.StringBuilder();
    var quoted = false;
    for (var i = 0; i < line.Length; i++)
    {
        var c = line[i];
        if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
        {
            field.Append('"');
            i++;
        }
        else if (c == '"')
        {
            quoted = !quoted;
        }
        else if (c == ',' && !quoted)
        {
            fields.Add(field.ToString());
            field.Clear();
        }
        else
        {
            field.Append(c);
        }
    }
    fields.Add(field.ToString());
    return fields;
}
