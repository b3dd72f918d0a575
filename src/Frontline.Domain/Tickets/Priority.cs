namespace Frontline.Domain.Tickets;

/// <summary>How widely the business is hurt. 1 is the widest.</summary>
public enum Impact
{
    High = 1,
    Medium = 2,
    Low = 3,
}

/// <summary>How soon it hurts. 1 is the soonest.</summary>
public enum Urgency
{
    High = 1,
    Medium = 2,
    Low = 3,
}

/// <summary>P1 (critical) to P5 (planning).</summary>
public enum Priority
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
    P5 = 5,
}

/// <summary>Impact × urgency → priority. A desk may edit the cells; the ITIL 3×3 is the default.</summary>
public sealed record PriorityMatrix
{
    private readonly Priority[,] cells;

    private PriorityMatrix(Priority[,] cells) => this.cells = cells;

    public static PriorityMatrix Itil { get; } = new(new[,]
    {
        { Priority.P1, Priority.P2, Priority.P3 },
        { Priority.P2, Priority.P3, Priority.P4 },
        { Priority.P3, Priority.P4, Priority.P5 },
    });

    public Priority Decide(Impact impact, Urgency urgency) => cells[(int)impact - 1, (int)urgency - 1];

    public IEnumerable<(Impact Impact, Urgency Urgency, Priority Priority)> Cells()
    {
        foreach (var impact in Enum.GetValues<Impact>())
        {
            foreach (var urgency in Enum.GetValues<Urgency>())
            {
                yield return (impact, urgency, Decide(impact, urgency));
            }
        }
    }

    /// <summary>
    /// Builds a matrix from all nine cells. A matrix where more impact or more urgency could lower the
    /// priority is refused: it would let an agent downgrade a ticket by raising its impact.
    /// </summary>
    public static Result<PriorityMatrix> From(IEnumerable<(Impact Impact, Urgency Urgency, Priority Priority)> given)
    {
        var cells = new Priority?[3, 3];
        foreach (var (impact, urgency, priority) in given)
        {
            if (!Enum.IsDefined(impact) || !Enum.IsDefined(urgency) || !Enum.IsDefined(priority))
            {
                return Result<PriorityMatrix>.Fail("cells", "Impact and urgency run 1–3 and priority 1–5.");
            }
            if (cells[(int)impact - 1, (int)urgency - 1] is not null)
            {
                return Result<PriorityMatrix>.Fail("cells", $"Impact {impact} × urgency {urgency} is given twice.");
            }
            cells[(int)impact - 1, (int)urgency - 1] = priority;
        }
        var full = new Priority[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var u = 0; u < 3; u++)
            {
                full[i, u] = cells[i, u] ?? (Priority)0;
                if (cells[i, u] is null)
                {
                    return Result<PriorityMatrix>.Fail("cells", $"Impact {(Impact)(i + 1)} × urgency {(Urgency)(u + 1)} is missing: give all nine cells.");
                }
                if ((i > 0 && full[i, u] < full[i - 1, u]) || (u > 0 && full[i, u] < full[i, u - 1]))
                {
                    return Result<PriorityMatrix>.Fail("cells", $"Impact {(Impact)(i + 1)} × urgency {(Urgency)(u + 1)} ranks above a cell with more impact or urgency.");
                }
            }
        }
        return Result<PriorityMatrix>.Ok(new PriorityMatrix(full));
    }

    public bool Equals(PriorityMatrix? other) =>
        other is not null && Cells().SequenceEqual(other.Cells());

    public override int GetHashCode() => Cells().Aggregate(0, (h, c) => HashCode.Combine(h, c.Priority));
}
