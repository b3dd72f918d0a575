namespace Frontline.Domain.Tickets;

/// <summary>How a ticket ended: a code (none for a cancellation) and what was done or why.</summary>
public sealed record Resolution(ResolutionCode? Code, string Notes);

/// <summary>The facts about a ticket that a transition is decided on.</summary>
public sealed record TicketSituation(TicketStatus Status, bool HasOwner, Resolution? Resolution = null, int OpenChildren = 0);

/// <summary>What someone asks to do with a ticket's status.</summary>
public enum TicketAction
{
    Start,
    Pend,
    Resume,
    Resolve,
    Close,
    Reopen,
    Cancel,
}

/// <summary>The facts a transition is decided on.</summary>
public sealed record TransitionRequest(
    TicketAction Action,
    PendingReason? PendingReason = null,
    ResolutionCode? ResolutionCode = null,
    string? Notes = null);

/// <summary>The ticket's status, pending reason and resolution after the transition.</summary>
public sealed record TransitionOutcome(TicketStatus Status, PendingReason? PendingReason, Resolution? Resolution);

/// <summary>
/// New → Assigned → In progress ⇄ Pending → Resolved → Closed, plus Cancelled and Reopen.
/// Assignment itself is not a transition (see <see cref="Assign"/>): an owner can change at any open status.
/// </summary>
public static class TicketLifecycle
{
    public static Result<TransitionOutcome> Decide(TicketSituation now, TransitionRequest request)
    {
        var (current, hasOwner) = (now.Status, now.HasOwner);
        var refused = (string why) => Result<TransitionOutcome>.Fail("action", $"Cannot {Describe(request.Action)} a ticket that is {Describe(current)}: {why}");
        switch (request.Action)
        {
            case TicketAction.Start when current is TicketStatus.New or TicketStatus.Assigned:
                return hasOwner
                    ? Result<TransitionOutcome>.Ok(new(TicketStatus.InProgress, null, null))
                    : refused("assign an owner first.");
            case TicketAction.Pend when current is TicketStatus.Assigned or TicketStatus.InProgress:
                return request.PendingReason is { } reason && Enum.IsDefined(reason)
                    ? Result<TransitionOutcome>.Ok(new(TicketStatus.Pending, reason, null))
                    : Result<TransitionOutcome>.Fail("pendingReason", "Say what the ticket waits for: requester, supplier or change.");
            case TicketAction.Resume when current is TicketStatus.Pending:
                return Result<TransitionOutcome>.Ok(new(hasOwner ? TicketStatus.InProgress : TicketStatus.New, null, null));
            case TicketAction.Resolve when current is TicketStatus.Assigned or TicketStatus.InProgress or TicketStatus.Pending:
                if (!hasOwner)
                {
                    return refused("a resolved ticket needs an owner who resolved it.");
                }
                if (request.ResolutionCode is not { } code || !Enum.IsDefined(code))
                {
                    return Result<TransitionOutcome>.Fail("resolutionCode", "Give a resolution code.");
                }
                if (string.IsNullOrWhiteSpace(request.Notes))
                {
                    return Result<TransitionOutcome>.Fail("notes", "Say what was done: resolution notes are what the requester and the next agent read.");
                }
                if (now.OpenChildren > 0)
                {
                    return refused($"{now.OpenChildren} child ticket(s) are still open; resolve or unlink them first.");
                }
                return Result<TransitionOutcome>.Ok(new(TicketStatus.Resolved, null, new Resolution(code, request.Notes.Trim())));
            case TicketAction.Close when current is TicketStatus.Resolved:
                return Result<TransitionOutcome>.Ok(new(TicketStatus.Closed, null, now.Resolution));
            case TicketAction.Reopen when current is TicketStatus.Resolved:
                return string.IsNullOrWhiteSpace(request.Notes)
                    ? Result<TransitionOutcome>.Fail("notes", "Say why the ticket is reopened.")
                    : Result<TransitionOutcome>.Ok(new(hasOwner ? TicketStatus.InProgress : TicketStatus.New, null, null));
            case TicketAction.Cancel when current.IsOpen():
                return string.IsNullOrWhiteSpace(request.Notes)
                    ? Result<TransitionOutcome>.Fail("notes", "Say why the ticket is cancelled.")
                    : Result<TransitionOutcome>.Ok(new(TicketStatus.Cancelled, null, new Resolution(null, request.Notes.Trim())));
            default:
                return refused(current.IsFinal() ? "it is final." : $"allowed from {string.Join(", ", AllowedFrom(request.Action).Select(Describe))}.");
        }
    }

    /// <summary>
    /// The status after an owner is set or cleared: a new ticket becomes assigned; taking the owner off
    /// sends an in-progress ticket back to its group's queue.
    /// </summary>
    public static Result<TicketStatus> Assign(TicketStatus current, bool willHaveOwner)
    {
        if (!current.IsOpen())
        {
            return Result<TicketStatus>.Fail("owner", $"A {Describe(current)} ticket cannot be reassigned; reopen it first.");
        }
        return Result<TicketStatus>.Ok((current, willHaveOwner) switch
        {
            (TicketStatus.New, true) => TicketStatus.Assigned,
            (TicketStatus.Assigned or TicketStatus.InProgress, false) => TicketStatus.New,
            (TicketStatus.InProgress, true) => TicketStatus.Assigned,
            _ => current,
        });
    }

    public static IEnumerable<TicketStatus> AllowedFrom(TicketAction action) => action switch
    {
        TicketAction.Start => [TicketStatus.New, TicketStatus.Assigned],
        TicketAction.Pend => [TicketStatus.Assigned, TicketStatus.InProgress],
        TicketAction.Resume => [TicketStatus.Pending],
        TicketAction.Resolve => [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Pending],
        TicketAction.Close or TicketAction.Reopen => [TicketStatus.Resolved],
        TicketAction.Cancel => [TicketStatus.New, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Pending],
        _ => [],
    };

    /// <summary>The actions a person could take now, for buttons and for the API's "allowedActions".</summary>
    public static IEnumerable<TicketAction> Available(TicketStatus current) =>
        Enum.GetValues<TicketAction>().Where(a => AllowedFrom(a).Contains(current));

    public static string Describe(TicketStatus status) => status switch
    {
        TicketStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Describe(TicketAction action) => action.ToString().ToLowerInvariant();
}
