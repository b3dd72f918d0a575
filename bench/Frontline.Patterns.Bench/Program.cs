using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frontline.Benchmarks;
using Frontline.Domain.Import;
using Frontline.Domain.Patterns;
using Frontline.Features.Import;
using Frontline.Import.Tests;

// Pattern discovery measured: purity and adjusted Rand index against Topic_group on the 47,837 labelled tickets
// (text only: the label is what the patterns are checked against, so it is not given to them), the number of
// patterns and the discovery time; then the discovery time on the 24,918 ServiceNow incidents (fields and the
// title the import builds). Prints a Markdown table.
// Usage: dotnet run --project bench/Frontline.Patterns.Bench -c Release [-- --patterns 8,20,default] [--field-weight W] [--min-df N] [--phrase 1|2]
var arguments = new BenchArguments(args);
var counts = (arguments.Take("--patterns") ?? "8,default").Split(',').Select(c => c == "default" ? (int?)null : int.Parse(c, CultureInfo.InvariantCulture)).ToList();
var options = DiscoveryOptions.Default;
if (arguments.Take("--field-weight") is { } weight)
{
    options = options with { FieldWeight = double.Parse(weight, CultureInfo.InvariantCulture) };
}

if (arguments.Take("--min-df") is { } minDf)
{
    options = options with { MinDf = int.Parse(minDf, CultureInfo.InvariantCulture) };
}
if (arguments.Take("--phrase") is { } phrase)
{
    options = options with { LongestPhrase = int.Parse(phrase, CultureInfo.InvariantCulture) };
}

var labelled = new List<(string Text, string Label)>();
using (var reader = new StreamReader(CsvRecords.Open(SharedData.File("it_tickets_topics.csv.gz")), Encoding.UTF8))
{
    foreach (var record in CsvRecords.Read(reader, _ => { }))
    {
        labelled.Add((record.Fields[0], record.Fields[1]));
    }
}
var incidents = new Dictionary<string, List<ServiceNowEvent>>(StringComparer.Ordinal);
using (var reader = new StreamReader(CsvRecords.Open(SharedData.File("incident_event_log.csv.gz")), Encoding.UTF8))
{
    Dictionary<string, int> column = [];
    foreach (var record in CsvRecords.Read(reader, h => column = h.Select((name, i) => (name, i)).DistinctBy(c => c.name).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal)))
    {
        var parsed = ServiceNowEvents.Parse(record.Line, record.Fields, column);
        if (parsed.IsOk)
        {
            (incidents.TryGetValue(parsed.Value.Number, out var rows) ? rows : incidents[parsed.Value.Number] = []).Add(parsed.Value);
        }
    }
}
var serviceNow = incidents.Values.Select(ServiceNowIncident.Replay)
    .Select(i => new PatternText(i.Title, i.Last.Category, null, i.Last.ConfigurationItem)).ToList();
Console.Error.WriteLine($"{labelled.Count:N0} labelled tickets, {serviceNow.Count:N0} ServiceNow incidents, {Environment.ProcessorCount} cores");

var labels = labelled.Select(l => l.Label).ToList();
var texts = labelled.Select(l => new PatternText(l.Text, null, null, null)).ToList();
var table = new List<string>
{
    "| data set | patterns asked | patterns found | purity | ARI | discovery time |",
    "|---|---|---|---|---|---|",
};
foreach (var count in counts)
{
    var asked = options with { Patterns = count };
    var watch = Stopwatch.StartNew();
    var found = PatternDiscovery.Discover(texts, asked);
    var seconds = watch.Elapsed.TotalSeconds;
    table.Add(string.Create(CultureInfo.InvariantCulture,
        $"| IT tickets ({texts.Count:N0}, text only) | {count?.ToString(CultureInfo.InvariantCulture) ?? $"default ({asked.PatternsFor(texts.Count)})"} | {found.Patterns} | {ClusterQuality.Purity(found.PatternOf, labels):F3} | {ClusterQuality.AdjustedRandIndex(found.PatternOf, labels):F3} | {seconds:F1} s |"));
    Console.Error.WriteLine(table[^1]);
}
{
    var watch = Stopwatch.StartNew();
    var found = PatternDiscovery.Discover(serviceNow, options);
    table.Add(string.Create(CultureInfo.InvariantCulture,
        $"| ServiceNow incidents ({serviceNow.Count:N0}, title, category, CI) | default ({options.PatternsFor(serviceNow.Count)}) | {found.Patterns} | – | – | {watch.Elapsed.TotalSeconds:F1} s |"));
    Console.Error.WriteLine(table[^1]);
}
Console.WriteLine(string.Join('\n', table));
