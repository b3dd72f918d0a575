using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.Tickets;

public class TicketLifecycleTests
{
    private static Result<TransitionOutcome> Decide(TicketStatus status, TicketAction action, bool hasOwner = true,
        PendingReason? reason = null, ResolutionCode? code = null, string? notes = null, int openChildren = 0) =>
        TicketLifecycle.Decide(new TicketSituation(status, hasOwner, OpenChildren: openChildren), new TransitionRequest(action, reason, code, notes));

    public static TheoryData<TicketStatus, TicketAction> Refused()
    {
        var data = new TheoryData<TicketStatus, TicketAction>();
        foreach (var action in Enum.GetValues<TicketAction>())
        {
            foreach (var status in Enum.GetValues<TicketStatus>().Except(TicketLifecycle.AllowedFrom(action)))
            {
                data.Add(status, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_action_from_a_status_it_is_not_allowed_from_is_refused_on_the_action(TicketStatus status, TicketAction action)
    {
        var result = Decide(status, action, reason: PendingReason.Requester, code: ResolutionCode.Fixed, notes: "why");

        Assert.False(result.IsOk);
        Assert.Equal("action", result.Field);
    }

    [Fact]
    public void A_final_ticket_says_it_is_final()
    {
        var result = Decide(TicketStatus.Closed, TicketAction.Reopen, notes: "again");

        Assert.Contains("final", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Starting_needs_an_owner()
    {
        Assert.Equal(TicketStatus.InProgress, Decide(TicketStatus.Assigned, TicketAction.Start).Value.Status);
        Assert.Contains("assign an owner", Decide(TicketStatus.New, TicketAction.Start, hasOwner: false).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_keeps_what_the_ticket_waits_for()
    {
        var result = Decide(TicketStatus.InProgress, TicketAction.Pend, reason: PendingReason.Supplier);

        Assert.Equal(new TransitionOutcome(TicketStatus.Pending, PendingReason.Supplier, null), result.Value);
    }

    [Fact]
    public void Pending_without_a_reason_is_refused_on_the_reason()
    {
        var result = Decide(TicketStatus.InProgress, TicketAction.Pend);

        Assert.Equal("pendingReason", result.Field);
    }

    [Theory]
    [InlineData(true, TicketStatus.InProgress)]
    [InlineData(false, TicketStatus.New)]
    public void Resuming_goes_back_to_work_or_to_the_queue(bool hasOwner, TicketStatus expected)
    {
        var result = Decide(TicketStatus.Pending, TicketAction.Resume, hasOwner);

        Assert.Equal(expected, result.Value.Status);
        Assert.Null(result.Value.PendingReason);
    }

    [Fact]
    public void Resolving_records_the_code_and_trimmed_notes()
    {
        var result = Decide(TicketStatus.Pending, TicketAction.Resolve, code: ResolutionCode.Workaround, notes: "  Restarted the VPN  ");

        Assert.Equal(new TransitionOutcome(TicketStatus.Resolved, null, new Resolution(ResolutionCode.Workaround, "Restarted the VPN")), result.Value);
    }

    [Theory]
    [InlineData(false, ResolutionCode.Fixed, "done", 0, "action")]
    [InlineData(true, null, "done", 0, "resolutionCode")]
    [InlineData(true, ResolutionCode.Fixed, "   ", 0, "notes")]
    [InlineData(true, ResolutionCode.Fixed, "done", 2, "action")]
    public void Resolving_is_refused_without_owner_code_notes_or_with_open_children(
        bool hasOwner, ResolutionCode? code, string notes, int openChildren, string field)
    {
        var result = Decide(TicketStatus.InProgress, TicketAction.Resolve, hasOwner, code: code, notes: notes, openChildren: openChildren);

        Assert.Equal(field, result.Field);
    }

    [Fact]
    public void Closing_keeps_the_resolution()
    {
        var resolution = new Resolution(ResolutionCode.Fixed, "Replaced the disk");

        var result = TicketLifecycle.Decide(new TicketSituation(TicketStatus.Resolved, true, resolution), new TransitionRequest(TicketAction.Close));

        Assert.Equal(new TransitionOutcome(TicketStatus.Closed, null, resolution), result.Value);
    }

    [Fact]
    public void Reopening_needs_a_reason_and_clears_the_resolution()
    {
        Assert.Equal("notes", Decide(TicketStatus.Resolved, TicketAction.Reopen).Field);
        Assert.Equal(new TransitionOutcome(TicketStatus.InProgress, null, null), Decide(TicketStatus.Resolved, TicketAction.Reopen, notes: "still broken").Value);
    }

    [Fact]
    public void Cancelling_needs_a_reason_and_keeps_it_without_a_code()
    {
        Assert.Equal("notes", Decide(TicketStatus.New, TicketAction.Cancel, hasOwner: false).Field);
        Assert.Equal(new Resolution(null, "logged twice"), Decide(TicketStatus.New, TicketAction.Cancel, hasOwner: false, notes: "logged twice").Value.Resolution);
    }

    [Theory]
    [InlineData(TicketStatus.New, true, TicketStatus.Assigned)]
    [InlineData(TicketStatus.Assigned, false, TicketStatus.New)]
    [InlineData(TicketStatus.InProgress, false, TicketStatus.New)]
    [InlineData(TicketStatus.InProgress, true, TicketStatus.Assigned)]
    [InlineData(TicketStatus.Pending, true, TicketStatus.Pending)]
    public void Assigning_moves_a_ticket_between_the_queue_and_an_owner(TicketStatus current, bool willHaveOwner, TicketStatus expected)
    {
        Assert.Equal(expected, TicketLifecycle.Assign(current, willHaveOwner).Value);
    }

    [Theory]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Cancelled)]
    public void A_ticket_that_is_not_open_cannot_be_reassigned(TicketStatus current)
    {
        Assert.Equal("owner", TicketLifecycle.Assign(current, true).Field);
    }

    [Fact]
    public void The_actions_offered_are_the_ones_that_are_allowed()
    {
        Assert.Equal([TicketAction.Close, TicketAction.Reopen], TicketLifecycle.Available(TicketStatus.Resolved));
        Assert.Empty(TicketLifecycle.Available(TicketStatus.Closed));
    }

    [Fact]
    public void Statuses_read_as_words()
    {
        Assert.Equal("in progress", TicketLifecycle.Describe(TicketStatus.InProgress));
        Assert.True(TicketStatus.Pending.IsOpen());
        Assert.False(TicketStatus.Resolved.IsOpen());
        Assert.True(TicketStatus.Cancelled.IsFinal());
    }
}
