using Frontline.Domain.Knowledge;

namespace Frontline.Domain.Tests.Knowledge;

public sealed class SearchTextTests
{
    [Fact]
    public void OnlyWordsSurviveSoOperatorsAndQuotesAreNeverSyntax()
    {
        var terms = SearchText.Terms("\"VPN\" NEAR(drops, 2) title:*wifi* '; DROP TABLE x; --");

        Assert.Equal(["vpn", "near", "drops", "title", "wifi", "drop", "table"], terms);
        Assert.Equal("\"vpn\" OR \"near\" OR \"drops\" OR \"title\" OR \"wifi\" OR \"drop\" OR \"table\"*", SearchText.ToFts5(terms, lastIsPrefix: true));
    }

    [Fact]
    public void StopWordsSingleCharactersAndRepeatsAreDroppedAndTheTermsAreCapped()
    {
        Assert.Equal(["printer", "jammed", "42", "é"], SearchText.Terms("My printer is jammed, the printer! 1. 42 é x"));
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
