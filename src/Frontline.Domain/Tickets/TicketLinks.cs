namespace Frontline.Domain.Tickets;

/// <summary>How one ticket relates to another. Stored from the first ticket's side.</summary>
public enum LinkKind
{
    /// <summary>The first ticket is the parent of the second; the parent cannot resolve while a child is open.</summary>
    ParentOf,
    DuplicateOf,
    CausedBy,
}

public static class TicketLinkRules
{
    /// <param name="ancestorsOfSource">Every ticket above the source through ParentOf links, nearest first.</param>
    /// <param name="existing">Links already between the two tickets, in either direction.</param>
    public static Result<LinkKind> Decide(long source, long target, LinkKind kind, IReadOnlyCollection<long> ancestorsOfSource, IReadOnlyCollection<(long From, long To, LinkKind Kind)> existing)
    {
        if (!Enum.IsDefined(kind))
        {
            return Result<LinkKind>.Fail("kind", "Link kind is parentOf, duplicateOf or causedBy.");
        }
        if (source == target)
        {
            return Result<LinkKind>.Fail("target", "A ticket cannot be linked to itself.");
        }
        if (existing.Any(e => e.Kind == kind && e.From == source && e.To == target))
        {
            return Result<LinkKind>.Fail("target", "These tickets are already linked that way.");
        }
        if (kind == LinkKind.ParentOf && ancestorsOfSource.Contains(target))
        {
            return Result<LinkKind>.Fail("target", "That ticket is already above this one; a ticket cannot be its own ancestor.");
        }
        if (kind == LinkKind.DuplicateOf && existing.Any(e => e.Kind == LinkKind.DuplicateOf && e.From == target && e.To == source))
        {
            return Result<LinkKind>.Fail("target", "That ticket is already marked a duplicate of this one.");
        }
        return Result<LinkKind>.Ok(kind);
    }
}
