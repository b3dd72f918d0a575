using System.Net;
using System.Text.RegularExpressions;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Api;

/// <summary>q= on the queue: words of the title or description through the full-text index, whatever is typed.</summary>
public abstract partial class TicketSearchTests(FrontlineServer server)
{
    private static string Marker() => "quokka" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<List<string>> SearchAsync(HttpClient client, string q)
    {
        var response = await client.GetAsync("/api/v1/tickets?limit=200&q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadAsync<TicketPage>()).Items.Select(t => t.Number)];
    }

    [Fact]
    public async Task EveryWordTypedMustStartAWordOfTheTitleOrDescription()
    {
        using var sam = await server.ClientForAsync("sam");
        var marker = Marker();
        var printer = await sam.CreateTicketAsync($"Printers {marker} jam", description: "Paper is stuck in tray two.");
        await sam.CreateTicketAsync($"Scanner {marker} is slow");

        var byStartsOfWords = await SearchAsync(sam, $"print {marker} TRAY");
        var byStem = await SearchAsync(sam, $"{marker} printer jammed");
        var withAWordNowhere = await SearchAsync(sam, $"{marker} toner");

        Assert.Equal([printer.Number], byStartsOfWords);
        Assert.Equal([printer.Number], byStem);
        Assert.Empty(withAWordNowhere);
    }

    [Fact]
    public async Task ATicketNumberStillFindsThatTicket()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync($"Badge reader {Marker()} broken");

        var found = await SearchAsync(sam, ticket.Number.ToLowerInvariant());

        Assert.Equal([ticket.Number], found);
    }

    [Fact]
    public async Task ARequesterSearchingFindsOnlyTheirOwnTickets()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var noah = await server.ClientForAsync("noah");
        var marker = Marker();
        var hers = await olivia.CreateTicketAsync($"Laptop {marker} overheats");
        await noah.CreateTicketAsync($"Laptop {marker} overheats");

        var found = await SearchAsync(olivia, $"laptop {marker}");

        Assert.Equal([hers.Number], found);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced quote")]
    [InlineData("*")]
    [InlineData("print*")]
    [InlineData("NEAR(disk quota, 2)")]
    [InlineData("-")]
    [InlineData("-vpn")]
    [InlineData("Title:")]
    [InlineData("title:vpn")]
    [InlineData("(((")]
    [InlineData("a) OR (b")]
    [InlineData("AND OR NOT")]
    [InlineData("vpn & !disk | <->")]
    [InlineData("'; DELETE FROM \"Tickets\"; --")]
    [InlineData("x' OR '1'='1")]
    [InlineData("{col1 col2}: ^start")]
    public async Task HostileSearchTextNeitherErrorsNorMatchesWrongly(string hostile)
    {
        using var maria = await server.ClientForAsync("maria");
        var marker = Marker();
        var probe = await maria.CreateTicketAsync($"Probe {hostile} {marker}");
        var other = await maria.CreateTicketAsync($"Other {marker}");

        var alone = await SearchAsync(maria, hostile);
        var withMarker = await SearchAsync(maria, $"{hostile} {marker}");

        Assert.NotNull(alone);
        Assert.Contains(probe.Number, withMarker);
        Assert.All(withMarker, n => Assert.True(n == probe.Number || n == other.Number, $"{n} matched {hostile} {marker}"));
        var hasWords = Word().Matches(hostile).Any(w => w.Length > 1 && !StopWords.Contains(w.Value.ToLowerInvariant()));
        Assert.Equal(!hasWords, withMarker.Contains(other.Number));
    }

    private static readonly HashSet<string> StopWords = ["a", "and", "or", "not", "from", "b", "x"];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

[Collection(SqliteCollection.Name)]
public sealed class TicketSearchOnSqlite(SqliteServer server) : TicketSearchTests(server);

[Collection(PostgresCollection.Name)]
public sealed class TicketSearchOnPostgres(PostgresServer server) : TicketSearchTests(server);
