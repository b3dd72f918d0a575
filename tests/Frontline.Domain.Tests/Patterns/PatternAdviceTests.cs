using Frontline.Domain.Patterns;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.Patterns;

public class PatternAdviceTests
{
    private static readonly DateTime Start = new(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc);

    private static PatternTicket Ticket(int i, string title, TicketKind kind, string? ci = null, string? resolution = null, int reassignments = 0) =>
        new(i, $"T{i}", title, kind, Start.AddDays(i), Start.AddDays(i).AddHours(2), resolution, new PatternText(title, null, null, ci), new TicketWork(30, 0, reassignments));

    private static readonly PatternVocabulary Vocabulary = PatternVocabulary.Of(
        ["password reset please", "printer jams please", "new laptop please", "vpn drops please", "how do i set up out of office please", "server down please"]);

    [Fact]
    public void The_label_names_the_words_that_set_the_pattern_apart_not_the_words_every_ticket_has()
    {
        var members = Enumerable.Range(0, 6).Select(i => Ticket(i, "printer jams please", TicketKind.Incident)).ToList();

        var facts = Vocabulary.Describe(members);

        Assert.Contains("printer", facts.Terms);
        Assert.DoesNotContain("please", facts.Terms);
        Assert.Equal(3, facts.EffortHours);
        Assert.Equal(2, facts.MedianResolveHours);
    }

    [Fact]
    public void Recurring_incidents_on_one_configuration_item_call_for_a_problem_record()
    {
        var members = Enumerable.Range(0, 6).Select(i => Ticket(i, "server down", TicketKind.Incident, ci: i < 4 ? "srv-erp-02" : null)).ToList();

        var advice = PatternAdvice.Recommend(Vocabulary.Describe(members));

        Assert.Equal(PatternAction.Problem, advice.Action);
        Assert.Contains("srv-erp-02", advice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_requests_call_for_self_service()
    {
        var members = Enumerable.Range(0, 8).Select(i => Ticket(i, "password reset", TicketKind.Request)).ToList();

        Assert.Equal(PatternAction.SelfService, PatternAdvice.Recommend(Vocabulary.Describe(members)).Action);
    }

    [Fact]
    public void How_to_questions_call_for_a_knowledge_article()
    {
        var members = Enumerable.Range(0, 8).Select(i => Ticket(i, "how do i set up out of office", TicketKind.Request)).ToList();

        Assert.Equal(PatternAction.Knowledge, PatternAdvice.Recommend(Vocabulary.Describe(members)).Action);
    }

    [Fact]
    public void Requests_fulfilled_the_same_way_without_reassignment_call_for_automation()
    {
        var members = Enumerable.Range(0, 8).Select(i => Ticket(i, "new laptop", TicketKind.Request, resolution: "Standard laptop imaged and shipped")).ToList();

        var advice = PatternAdvice.Recommend(Vocabulary.Describe(members));

        Assert.Equal(PatternAction.Automate, advice.Action);
        Assert.Contains("100%", advice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handful_of_tickets_is_only_watched()
    {
        var members = Enumerable.Range(0, PatternAdvice.MinRecurring - 1).Select(i => Ticket(i, "vpn drops", TicketKind.Incident)).ToList();

        Assert.Equal(PatternAction.Watch, PatternAdvice.Recommend(Vocabulary.Describe(members)).Action);
    }
}
