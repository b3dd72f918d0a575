using Frontline.Domain.Patterns;

namespace Frontline.Domain.Tests.Patterns;

public class PatternDiscoveryTests
{
    private static readonly string[] Themes =
    [
        "password reset locked out of my account cannot sign in",
        "printer on floor three jams paper on every print job",
        "vpn disconnects from home every few minutes connection dropped",
    ];

    private static List<(PatternText Text, int Theme)> Tickets(int perTheme)
    {
        var random = new Random(7);
        string[] noise = ["please", "thanks", "urgent", "today", "again", "hello", "team", "asap"];
        return [.. Enumerable.Range(0, Themes.Length * perTheme).Select(i =>
        {
            var theme = i % Themes.Length;
            var words = Themes[theme].Split(' ').OrderBy(_ => random.Next()).Take(6).Append(noise[random.Next(noise.Length)]);
            return (new PatternText(string.Join(' ', words), null, null, null), theme);
        })];
    }

    [Fact]
    public void Tickets_about_the_same_thing_fall_in_the_same_pattern()
    {
        var tickets = Tickets(20);

        var found = PatternDiscovery.Discover([.. tickets.Select(t => t.Text)], DiscoveryOptions.Default with { Patterns = 3 });

        Assert.Equal(3, found.Patterns);
        Assert.Equal(1.0, ClusterQuality.Purity(found.PatternOf, [.. tickets.Select(t => t.Theme.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
    }

    [Fact]
    public void The_same_tickets_give_the_same_patterns_every_time()
    {
        var texts = Tickets(15).Select(t => t.Text).ToList();

        var first = PatternDiscovery.Discover(texts, DiscoveryOptions.Default with { Patterns = 4 });
        var second = PatternDiscovery.Discover(texts, DiscoveryOptions.Default with { Patterns = 4 });

        Assert.Equal(first.PatternOf, second.PatternOf);
    }

    [Fact]
    public void A_new_ticket_is_placed_in_the_pattern_it_resembles_even_after_the_model_is_stored()
    {
        var tickets = Tickets(20);
        var found = PatternDiscovery.Discover([.. tickets.Select(t => t.Text)], DiscoveryOptions.Default with { Patterns = 3 });
        var printers = found.PatternOf[tickets.FindIndex(t => t.Theme == 1)];

        var model = PatternModel.FromBytes(found.Model.ToBytes());
        var (pattern, similarity) = model.Assign(new PatternText("the printer jams paper again", null, null, null));

        Assert.Equal(printers, pattern);
        Assert.True(similarity > 0.3f);
        Assert.Equal(-1, model.Assign(new PatternText("quarterly budget spreadsheet", null, null, null)).Pattern);
    }

    [Fact]
    public void A_shared_configuration_item_pulls_tickets_with_different_words_together()
    {
        var tickets = new[]
        {
            new PatternText("server slow this morning", null, null, "srv-payroll-01"),
            new PatternText("cannot open payslips", null, null, "srv-payroll-01"),
            new PatternText("error 500 in the portal", null, null, "srv-payroll-01"),
            new PatternText("laptop battery drains fast", null, null, "lt-4411"),
            new PatternText("laptop screen flickers", null, null, "lt-4411"),
            new PatternText("laptop fan is loud", null, null, "lt-4411"),
        };

        var found = PatternDiscovery.Discover(tickets, DiscoveryOptions.Default with { Patterns = 2, MinDf = 2 });

        Assert.Equal(found.PatternOf[0], found.PatternOf[1]);
        Assert.Equal(found.PatternOf[0], found.PatternOf[2]);
        Assert.NotEqual(found.PatternOf[0], found.PatternOf[3]);
    }

    [Fact]
    public void Asking_for_more_patterns_than_distinct_tickets_leaves_no_empty_pattern()
    {
        var texts = Enumerable.Repeat(new PatternText("printer jams paper", null, null, null), 10).ToList();

        var found = PatternDiscovery.Discover(texts, DiscoveryOptions.Default with { Patterns = 5, MinDf = 2 });

        Assert.Equal(1, found.Patterns);
        Assert.All(found.PatternOf, p => Assert.Equal(0, p));
    }

    [Theory]
    [InlineData(10, 2)]
    [InlineData(320, 13)]
    [InlineData(47_837, 60)]
    public void Without_a_chosen_number_about_the_square_root_of_half_the_tickets_are_found(int tickets, int expected) =>
        Assert.Equal(expected, DiscoveryOptions.Default.PatternsFor(tickets));
}
