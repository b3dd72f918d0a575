using Frontline.Data;
using Frontline.Domain.Triage;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Triage;

/// <summary>What a triage model learns to suggest.</summary>
public enum TriageTarget
{
    Category,
    Group,
}

/// <summary>The result of one training: how many tickets, how the held-out fifth scored, and the saved model's id.</summary>
public sealed record TrainingReport(TriageTarget Target, int Examples, int Labels, TriageScore HoldOut, int ModelId, TimeSpan Elapsed);

/// <summary>
/// Trains classifiers from the desk's own sorted tickets and serves the newest one. The model lives in the
/// database, so every node suggests the same; each node keeps the parsed model until a newer one appears.
/// </summary>
public sealed class TriageModels(IDbContextFactory<FrontlineDb> factory, TimeProvider clock)
{
    /// <summary>Recent tickets are what new ones resemble; the cap keeps training to about a minute on two cores.</summary>
    public const int MaxExamples = 100_000;

    /// <summary>Long bodies add little past their start and would slow every suggestion down.</summary>
    public const int MaxTextLength = 4000;

    private readonly Dictionary<TriageTarget, (int Id, TriageClassifier Classifier)> loaded = [];
    private readonly Lock gate = new();

    public static string Text(string title, string? description)
    {
        var text = title + "\n" + description;
        return text.Length <= MaxTextLength ? text : text[..MaxTextLength];
    }

    public async Task<TrainingReport?> TrainAsync(TriageTarget target, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var recent = db.Tickets.AsNoTracking().OrderByDescending(t => t.Id).Take(MaxExamples);
        var rows = target == TriageTarget.Category
            ? await recent.Where(t => t.Category != null)
                .Select(t => new { t.Title, t.Description, Label = t.Category!.Parent == null ? t.Category.Name : t.Category.Parent.Name + " / " + t.Category.Name })
                .ToListAsync(cancellationToken)
            : await recent.Where(t => t.Group != null)
                .Select(t => new { t.Title, t.Description, Label = t.Group!.Name })
                .ToListAsync(cancellationToken);
        // A label seen once cannot be both learned and checked.
        var examples = rows.GroupBy(r => r.Label).Where(g => g.Count() >= 2).SelectMany(g => g)
            .Select(r => (Text: Text(r.Title, r.Description), r.Label)).ToList();
        if (examples.Select(e => e.Label).Distinct().Count() < 2)
        {
            return null;
        }
        // Trained on four fifths, so the stored accuracy is an honest one about tickets the model never saw.
        var (train, test) = Evaluation.StratifiedSplit(examples, e => e.Label, 0.2, TriageOptions.Default.Seed);
        var classifier = TriageClassifier.Train(train, TriageOptions.Default).Calibrate(test);
        var score = Evaluation.Score([.. test.Select(t => t.Label)], [.. test.Select(t => classifier.Predict(t.Text))]);
        var model = new TriageModel
        {
            Target = Name(target),
            TrainedAt = clock.GetUtcNow().UtcDateTime,
            Examples = train.Count,
            HoldoutAccuracy = score.Accuracy,
            Content = classifier.ToBytes(),
        };
        db.TriageModels.Add(model);
        await db.SaveChangesAsync(cancellationToken);
        return new TrainingReport(target, examples.Count, classifier.Labels.Count, score, model.Id, clock.GetElapsedTime(started));
    }

    /// <summary>The newest model for the target, or null when the desk never trained one.</summary>
    public async Task<(TriageModel Info, TriageClassifier Classifier)?> CurrentAsync(TriageTarget target, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var name = Name(target);
        var newest = await db.TriageModels.AsNoTracking().Where(m => m.Target == name).OrderByDescending(m => m.Id)
            .Select(m => new TriageModel { Id = m.Id, Target = m.Target, TrainedAt = m.TrainedAt, Examples = m.Examples, HoldoutAccuracy = m.HoldoutAccuracy, Content = Array.Empty<byte>() })
            .FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
        {
            return null;
        }
        lock (gate)
        {
            if (loaded.TryGetValue(target, out var cached) && cached.Id == newest.Id)
            {
                return (newest, cached.Classifier);
            }
        }
        var content = await db.TriageModels.Where(m => m.Id == newest.Id).Select(m => m.Content).SingleAsync(cancellationToken);
        TriageClassifier classifier;
        try
        {
            classifier = TriageClassifier.FromBytes(content);
        }
        catch (InvalidDataException)
        {
            // A model saved by an older Frontline: suggest nothing until `frontline triage train` runs again.
            return null;
        }
        lock (gate)
        {
            loaded[target] = (newest.Id, classifier);
        }
        return (newest, classifier);
    }

    public static string Name(TriageTarget target) => target.ToString().ToLowerInvariant();
}
