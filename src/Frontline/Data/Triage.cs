namespace Frontline.Data;

/// <summary>
/// A trained triage classifier, kept in the database so every node suggests with the same model.
/// Each training adds a row; the newest row of a target is the one in use.
/// </summary>
public sealed class TriageModel
{
    public int Id { get; set; }

    /// <summary>What the model suggests: "category" or "group".</summary>
    public required string Target { get; set; }

    public DateTime TrainedAt { get; set; }

    /// <summary>How many tickets the model learned from.</summary>
    public int Examples { get; set; }

    /// <summary>Accuracy on the tickets held out from training, so an agent knows how far to trust it.</summary>
    public double HoldoutAccuracy { get; set; }

    public required byte[] Content { get; set; }
}
