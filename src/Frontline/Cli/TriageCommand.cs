using System.Globalization;
using Frontline.Features.Triage;

namespace Frontline.Cli;

/// <summary>`frontline triage train|suggest`: teach the classifier from the desk's sorted tickets, and try it from the shell.</summary>
public static class TriageCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            throw new UsageException("triage needs a command: train or suggest.");
        }
        var values = CommandLine.Options(args[1..], flags: [], valued: ["--data", "--database", "--sqlite-sync", "--target", "--text"]);
        var targets = values.GetValueOrDefault("--target") switch
        {
            null => Enum.GetValues<TriageTarget>(),
            var t when Enum.TryParse<TriageTarget>(t, ignoreCase: true, out var one) && Enum.IsDefined(one) => [one],
            var t => throw new UsageException($"--target is category or group, not '{t}'."),
        };
        if (args[0] is not ("train" or "suggest"))
        {
            throw new UsageException($"unknown triage command '{args[0]}'.");
        }
        var text = args[0] == "suggest" ? values.GetValueOrDefault("--text") ?? throw new UsageException("triage suggest needs --text.") : null;
        await using var services = await CommandHost.StartAsync(CommandHost.DatabaseArgs(values), output);
        var models = services.GetRequiredService<TriageModels>();
        var status = 0;
        foreach (var target in targets)
        {
            status = Math.Max(status, text is null ? await TrainAsync(models, target, output, error) : await SuggestAsync(models, target, text, output, error));
        }
        return status;
    }

    private static async Task<int> TrainAsync(TriageModels models, TriageTarget target, TextWriter output, TextWriter error)
    {
        await error.WriteLineAsync($"training the {TriageModels.Name(target)} model…");
        var report = await models.TrainAsync(target, CancellationToken.None);
        if (report is null)
        {
            await error.WriteLineAsync($"frontline: too few tickets with a {TriageModels.Name(target)} to learn from (it takes two values with two tickets each).");
            return 1;
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            {TriageModels.Name(target)} model #{report.ModelId}: {report.Examples:N0} tickets, {report.Labels} values
              held-out accuracy  {report.HoldOut.Accuracy:P2} on {report.HoldOut.Tickets:N0} tickets it did not learn from
              held-out macro-F1  {report.HoldOut.MacroF1:F4}
              time               {report.Elapsed.TotalSeconds:F1} s
            """));
        return 0;
    }

    private static async Task<int> SuggestAsync(TriageModels models, TriageTarget target, string text, TextWriter output, TextWriter error)
    {
        if (await models.CurrentAsync(target, CancellationToken.None) is not var (_, classifier))
        {
            await error.WriteLineAsync($"frontline: no {TriageModels.Name(target)} model yet; run `frontline triage train` first.");
            return 1;
        }
        foreach (var suggestion in classifier.Suggest(TriageModels.Text(text, null), 3))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{TriageModels.Name(target)}\t{suggestion.Confidence:F3}\t{suggestion.Label}"));
        }
        return 0;
    }
}
