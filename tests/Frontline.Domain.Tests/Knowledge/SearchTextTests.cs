using Frontline.Domain.Knowledge;

namespace Frontline.Domain.Tests.Knowledge;

public sealed class SearchTextTests
{
    [Fact]
    public void OnlyWordsSurviveSoOperatorsAndQuotesAreNeverSyntax()
    {
        var terms = SearchText.Terms("\"VPN\" NEAR(drops, 2) title:*wifi* '; DROP TABLE x; --");

        Assert.Equal(["vpn", "near", "drops", "2", "title", "wifi", "drop", "table", "x"], terms);
        Assert.Equal("\"vpn\" OR \"near\" OR \"drops\" OR \"2\" OR \"title\" OR \"wifi\" OR \"drop\" OR \"table\" OR \"x\"*", SearchText.ToFts5(terms, lastIsPrefix: true));
    }

    [Fact]
    public void StopWordsAndRepeatsAreDroppedAndTheTermsAreCapped()
    {
        Assert.Equal(["printer", "jammed"], SearchText.Terms("My printer is jammed, the printer!"));
        Assert.Equal(SearchText.MaxTerms, SearchText.Terms(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"w{i}"))).Count);
        Assert.Empty(SearchText.Terms("  * \" ( ) - + "));
    }

    [Fact]
    public void PostgresGetsPlainWordsJoinedByOrAndAPrefixForTheWordBeingTyped()
    {
        var terms = SearchText.Terms("outlook calend");

        Assert.Equal("outlook or calend", SearchText.ToWebSearch(terms));
        Assert.Equal("calend:*", SearchText.ToPrefixQuery(terms));
    }

    [Fact]
    public void StoredTextLosesControlCharactersAndSnippetMarkersButKeepsLineBreaks()
    {
        Assert.Equal("a\nb\tc", SearchText.Clean("a\u0000\n\uE000b\u0007\tc\uE001"));
    }
}
