using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>One clock of a ticket as of an instant: whose it is, what it measures, the policy that set its target, its state.</summary>
public sealed record ClockReport(ClockScope Scope, TargetKind Kind, string Name, string Policy, ClockState State);

/// <summary>
/// Turns a ticket's history into its SLA, OLA and UC clocks. A pure function of the history, the policies and the
/// instant asked about: replaying a changed policy over old tickets gives the same answer every time.
/// </summary>
/// <remarks>
/// The rules, in the desk's words:
/// the SLA runs from logging while the ticket is open; a group's OLA runs while that group holds the open ticket,
/// adding up over its visits; a UC runs while an escalation to a supplier is open, each escalation on its own.
/// A pending ticket pauses the clocks whose definitions pause on its reason. Resolving stops every clock and ends
/// open escalations; reopening resumes the SLA and the holding group's OLA; cancelling cancels them all.
/// A first response is answered once (a public reply, or for a group also handing the ticket on) and never runs
/// again. A priority change chooses the policies again; running clocks keep their elapsed time against the new
/// targets, a target the new policy lacks stays as it was, and one it adds starts at the change.
/// </remarks>
public static class TicketClocks
{
    /// <summary>The ticket's clocks as of <paramref name="nowUtc"/>, in the order they first started; facts after it are ignored.</summary>
    public static IReadOnlyList<ClockReport> Evaluate(
        IReadOnlyList<TicketFact> history, IReadOnlyList<ServiceLevelPolicy> policies, DateTime nowUtc)
    {
        var now = BusinessCalendar.Utc(nowUtc);
        var trace = new Trace(policies);
        foreach (var fact in history.OrderBy(f => f.At))
        {
            var at = BusinessCalendar.Utc(fact.At);
            if (at > now)
            {
                break;
            }
            trace.Apply(fact, at);
        }
        return trace.Tracks
            .Select(t => new ClockReport(t.Scope, t.First.Kind, t.Definition.Name, t.Policy, Clock.Evaluate(t.First, t.Facts, now)))
            .ToList();
    }

    /// <summary>One clock's facts as they are derived, and what the clock was last told.</summary>
    private sealed class Track(ClockScope scope, ClockDefinition first, string policy)
    {
        public ClockScope Scope { get; } = scope;

        public ClockDefinition First { get; } = first;

        public ClockDefinition Definition { get; set; } = first;

        public string Policy { get; set; } = policy;

        public List<ClockFact> Facts { get; } = [];

        /// <summary>Started and not stopped since.</summary>
        public bool Active { get; set; }

        /// <summary>The pending reason the clock was last told, to tell it only of changes.</summary>
        public PendingReason? Pending { get; set; }

        /// <summary>Never runs again: a first response answered, a ticket cancelled.</summary>
        public bool Done { get; set; }
    }

    private sealed class Trace(IReadOnlyList<ServiceLevelPolicy> policies)
    {
        private readonly List<ClockScope> scopes = [];
        private readonly HashSet<ClockScope> responded = [];
        private readonly Dictionary<string, ClockScope> openEscalations = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> escalationCount = new(StringComparer.OrdinalIgnoreCase);

        // The choice only changes with the subject, and choosing is most of the cost of a replay.
        private readonly Dictionary<ClockScope, ServiceLevelPolicy?> chosen = [];
        private PolicySubject? subject;
        private TicketStatus status;
        private PendingReason? waitingOn;
        private string? group;

        public List<Track> Tracks { get; } = [];

        public void Apply(TicketFact fact, DateTime at)
        {
            // Nothing is measured before the ticket exists; a second logging is a duplicate row.
            if (subject is null && fact is not TicketLogged)
            {
                return;
            }
            switch (fact)
            {
                case TicketLogged logged when subject is null:
                    (subject, status) = (logged.Subject, TicketStatus.New);
                    scopes.Add(ClockScope.Sla);
                    MoveTo(logged.Group);
                    break;
                case StatusChanged changed:
                    status = changed.Status;
                    waitingOn = status == TicketStatus.Pending ? changed.Reason : null;
                    if (!status.IsOpen())
                    {
                        openEscalations.Clear();
                    }
                    break;
                case GroupChanged moved:
                    MoveTo(moved.Group);
                    break;
                case PriorityChanged changed:
                    subject = subject! with { Priority = changed.Priority };
                    chosen.Clear();
                    break;
                case PublicReplied when status.IsOpen():
                    Reply(ClockScope.Sla, at);
                    if (group is not null)
                    {
                        Reply(ClockScope.Group(group), at);
                    }
                    break;
                case SupplierEscalated escalated when status.IsOpen() && !openEscalations.ContainsKey(escalated.Supplier):
                    var occurrence = escalationCount[escalated.Supplier] = escalationCount.GetValueOrDefault(escalated.Supplier) + 1;
                    var escalation = ClockScope.Supplier(escalated.Supplier, occurrence);
                    openEscalations[escalated.Supplier] = escalation;
                    scopes.Add(escalation);
                    break;
                case SupplierReplied replied when openEscalations.TryGetValue(replied.Supplier, out var open):
                    Reply(open, at);
                    break;
                case SupplierReturned returned:
                    openEscalations.Remove(returned.Supplier);
                    break;
            }
            foreach (var scope in scopes)
            {
                if (IsPresent(scope))
                {
                    Open(scope, at);
                }
                else
                {
                    Close(scope, at);
                }
            }
        }

        private void MoveTo(string? newGroup)
        {
            group = newGroup;
            if (newGroup is not null && !scopes.Contains(ClockScope.Group(newGroup)))
            {
                scopes.Add(ClockScope.Group(newGroup));
            }
        }

        private bool IsPresent(ClockScope scope) => status.IsOpen() && scope.Agreement switch
        {
            Agreement.Sla => true,
            Agreement.Ola => scope.Name == group,
            _ => openEscalations.TryGetValue(scope.Name!, out var open) && open == scope,
        };

        /// <summary>Brings the scope's clocks in line with an open ticket: chosen policy, running, paused for the right reason.</summary>
        private void Open(ClockScope scope, DateTime at)
        {
            if (!chosen.TryGetValue(scope, out var policy))
            {
                policy = chosen[scope] = PolicyChooser.Choose(policies, subject!, scope);
            }
            if (policy is not null)
            {
                foreach (var definition in policy.Clocks.Where(c => c.Agreement == scope.Agreement))
                {
                    var track = Tracks.Find(t => t.Scope == scope && t.First.Kind == definition.Kind);
                    if (track is null)
                    {
                        if (definition.Kind != TargetKind.FirstResponse || !responded.Contains(scope))
                        {
                            Tracks.Add(new Track(scope, definition, policy.Name));
                        }
                    }
                    else if (!track.Done && !ReferenceEquals(track.Definition, definition))
                    {
                        track.Facts.Add(new ClockRetargeted(at, definition));
                        (track.Definition, track.Policy) = (definition, policy.Name);
                    }
                }
            }
            foreach (var track in Tracks.Where(t => t.Scope == scope && !t.Done))
            {
                if (!track.Active)
                {
                    track.Facts.Add(new ClockStarted(at));
                    (track.Active, track.Pending) = (true, null);
                }
                if (track.Pending != waitingOn)
                {
                    track.Facts.Add(waitingOn is { } reason ? new ClockPaused(at, reason) : new ClockResumed(at));
                    track.Pending = waitingOn;
                }
            }
        }

        private void Close(ClockScope scope, DateTime at)
        {
            var cancelled = status == TicketStatus.Cancelled;
            foreach (var track in Tracks.Where(t => t.Scope == scope && t.Active))
            {
                track.Facts.Add(cancelled ? new ClockCancelled(at) : new ClockStopped(at));
                track.Active = false;
                // A group that hands the ticket on has acted on it, so its first response is answered. (An ended escalation
                // needs no flag: a new one to the same supplier is another scope.)
                track.Done = cancelled || track.First.Kind == TargetKind.FirstResponse;
            }
        }

        private void Reply(ClockScope scope, DateTime at)
        {
            responded.Add(scope);
            foreach (var track in Tracks.Where(t => t.Scope == scope && t.Active))
            {
                switch (track.First.Kind)
                {
                    case TargetKind.FirstResponse:
                        track.Facts.Add(new ClockStopped(at));
                        (track.Active, track.Done) = (false, true);
                        break;
                    case TargetKind.UpdateCadence:
                        track.Facts.Add(new ClockRestarted(at));
                        break;
                }
            }
        }
    }
}
