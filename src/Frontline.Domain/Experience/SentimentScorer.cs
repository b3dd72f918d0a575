using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Frontline.Domain.Experience;

public enum Sentiment
{
    Negative,
    Neutral,
    Positive,
}

/// <summary>
/// VADER (Hutto &amp; Gilbert, 2014) sentiment of a short text: its published lexicon and rules (boosters, negation,
/// "but", capitals, exclamation marks), ported rule for rule from vaderSentiment-js. The compound score runs from −1
/// (most negative) to +1; the usual bands are ≥ 0.05 positive and ≤ −0.05 negative. See Vader/NOTICE.md.
/// </summary>
public static partial class SentimentScorer
{
    public const double PositiveFrom = 0.05;
    public const double NegativeFrom = -0.05;

    private const double BoosterIncrease = 0.293;
    private const double BoosterDecrease = -0.293;
    private const double CapitalsIncrease = 0.733;
    private const double NegationScalar = -0.74;

    private static readonly Lazy<Dictionary<string, double>> Lexicon = new(LoadLexicon);

    private static readonly string[] Punctuation = [".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"];

    private static readonly HashSet<string> Negations =
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ];

    private static readonly Dictionary<string, double> Boosters = new(StringComparer.Ordinal)
    {
        ["absolutely"] = BoosterIncrease, ["amazingly"] = BoosterIncrease, ["awfully"] = BoosterIncrease, ["completely"] = BoosterIncrease,
        ["considerably"] = BoosterIncrease, ["decidedly"] = BoosterIncrease, ["deeply"] = BoosterIncrease, ["effing"] = BoosterIncrease,
        ["enormously"] = BoosterIncrease, ["entirely"] = BoosterIncrease, ["especially"] = BoosterIncrease, ["exceptionally"] = BoosterIncrease,
        ["extremely"] = BoosterIncrease, ["fabulously"] = BoosterIncrease, ["flipping"] = BoosterIncrease, ["flippin"] = BoosterIncrease,
        ["fricking"] = BoosterIncrease, ["frickin"] = BoosterIncrease, ["frigging"] = BoosterIncrease, ["friggin"] = BoosterIncrease,
        ["fully"] = BoosterIncrease, ["fucking"] = BoosterIncrease, ["greatly"] = BoosterIncrease, ["hella"] = BoosterIncrease,
        ["highly"] = BoosterIncrease, ["hugely"] = BoosterIncrease, ["incredibly"] = BoosterIncrease, ["intensely"] = BoosterIncrease,
        ["majorly"] = BoosterIncrease, ["more"] = BoosterIncrease, ["most"] = BoosterIncrease, ["particularly"] = BoosterIncrease,
        ["purely"] = BoosterIncrease, ["quite"] = BoosterIncrease, ["really"] = BoosterIncrease, ["remarkably"] = BoosterIncrease,
        ["so"] = BoosterIncrease, ["substantially"] = BoosterIncrease, ["thoroughly"] = BoosterIncrease, ["totally"] = BoosterIncrease,
        ["tremendously"] = BoosterIncrease, ["uber"] = BoosterIncrease, ["unbelievably"] = BoosterIncrease, ["unusually"] = BoosterIncrease,
        ["utterly"] = BoosterIncrease, ["very"] = BoosterIncrease,
        ["almost"] = BoosterDecrease, ["barely"] = BoosterDecrease, ["hardly"] = BoosterDecrease, ["just enough"] = BoosterDecrease,
        ["kind of"] = BoosterDecrease, ["kinda"] = BoosterDecrease, ["kindof"] = BoosterDecrease, ["kind-of"] = BoosterDecrease,
        ["less"] = BoosterDecrease, ["little"] = BoosterDecrease, ["marginally"] = BoosterDecrease, ["occasionally"] = BoosterDecrease,
        ["partly"] = BoosterDecrease, ["scarcely"] = BoosterDecrease, ["slightly"] = BoosterDecrease, ["somewhat"] = BoosterDecrease,
        ["sort of"] = BoosterDecrease, ["sorta"] = BoosterDecrease, ["sortof"] = BoosterDecrease, ["sort-of"] = BoosterDecrease,
    };

    private static readonly Dictionary<string, double> Idioms = new(StringComparer.Ordinal)
    {
        ["the shit"] = 3, ["the bomb"] = 3, ["bad ass"] = 1.5, ["yeah right"] = -2, ["cut the mustard"] = 2, ["kiss of death"] = -1.5, ["hand to mouth"] = -2,
    };

    /// <summary>The compound score of <paramref name="text"/>, −1 to +1; 0 for text with no sentiment words.</summary>
    public static double Score(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }
        var words = Words(text);
        var capitalsStandOut = CapitalsStandOut(words);
        var sentiments = new List<double>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var lower = words[i].ToLowerInvariant();
            if ((i < words.Count - 1 && lower == "kind" && words[i + 1].Equals("of", StringComparison.OrdinalIgnoreCase)) || Boosters.ContainsKey(lower))
            {
                sentiments.Add(0);
                continue;
            }
            sentiments.Add(Valence(words, i, capitalsStandOut));
        }
        ButCheck(words, sentiments);
        return Compound(sentiments, text);
    }

    public static Sentiment Classify(double compound) =>
        compound >= PositiveFrom ? Sentiment.Positive : compound <= NegativeFrom ? Sentiment.Negative : Sentiment.Neutral;

    private static double Valence(List<string> words, int index, bool capitalsStandOut)
    {
        var item = words[index];
        if (!Lexicon.Value.TryGetValue(item.ToLowerInvariant(), out var valence))
        {
            return 0;
        }
        if (capitalsStandOut && IsUpper(item))
        {
            valence += valence > 0 ? CapitalsIncrease : -CapitalsIncrease;
        }
        for (var start = 0; start < 3; start++)
        {
            if (index > start && !Lexicon.Value.ContainsKey(words[index - (start + 1)].ToLowerInvariant()))
            {
                var scalar = BoosterScalar(words[index - (start + 1)], valence, capitalsStandOut);
                scalar *= start switch { 1 => 0.95, 2 => 0.9, _ => 1 };
                valence = NeverCheck(valence + scalar, words, start, index);
                if (start == 2)
                {
                    valence = IdiomsCheck(valence, words, index);
                }
            }
        }
        return LeastCheck(valence, words, index);
    }

    private static double BoosterScalar(string word, double valence, bool capitalsStandOut)
    {
        if (!Boosters.TryGetValue(word.ToLowerInvariant(), out var scalar))
        {
            return 0;
        }
        if (valence < 0)
        {
            scalar = -scalar;
        }
        if (capitalsStandOut && IsUpper(word))
        {
            scalar += valence > 0 ? CapitalsIncrease : -CapitalsIncrease;
        }
        return scalar;
    }

    private static bool Negated(string word) =>
        Negations.Contains(word) || word.Contains("n't", StringComparison.Ordinal);

    private static double NeverCheck(double valence, List<string> words, int start, int index)
    {
        bool SoOrThis(string w) => w is "so" or "this";
        switch (start)
        {
            case 0 when Negated(words[index - 1]):
                return valence * NegationScalar;
            case 1:
                return words[index - 2] == "never" && SoOrThis(words[index - 1]) ? valence * 1.5
                    : Negated(words[index - 2]) ? valence * NegationScalar : valence;
            case 2:
                return (words[index - 3] == "never" && SoOrThis(words[index - 2])) || SoOrThis(words[index - 1]) ? valence * 1.25
                    : Negated(words[index - 3]) ? valence * NegationScalar : valence;
            default:
                return valence;
        }
    }

    private static double IdiomsCheck(double valence, List<string> words, int index)
    {
        string Join(int from, int to) => string.Join(' ', words.Skip(from).Take(to - from + 1));
        string[] before = [Join(index - 1, index), Join(index - 2, index), Join(index - 2, index - 1), Join(index - 3, index - 1), Join(index - 3, index - 2)];
        foreach (var sequence in before)
        {
            if (Idioms.TryGetValue(sequence, out var idiom))
            {
                valence = idiom;
                break;
            }
        }
        if (words.Count - 1 > index && Idioms.TryGetValue(Join(index, index + 1), out var next))
        {
            valence = next;
        }
        if (words.Count - 1 > index + 1 && Idioms.TryGetValue(Join(index, index + 2), out var nextTwo))
        {
            valence = nextTwo;
        }
        return Boosters.ContainsKey(before[4]) || Boosters.ContainsKey(before[2]) ? valence + BoosterDecrease : valence;
    }

    private static double LeastCheck(double valence, List<string> words, int index)
    {
        if (index > 0 && words[index - 1].Equals("least", StringComparison.OrdinalIgnoreCase)
            && !(index > 1 && words[index - 2].ToLowerInvariant() is "at" or "very"))
        {
            return valence * NegationScalar;
        }
        return valence;
    }

    private static void ButCheck(List<string> words, List<double> sentiments)
    {
        var but = words.IndexOf("but");
        if (but == -1)
        {
            but = words.IndexOf("BUT");
        }
        if (but == -1)
        {
            return;
        }
        for (var i = 0; i < sentiments.Count; i++)
        {
            sentiments[i] *= i < but ? 0.5 : i > but ? 1.5 : 1;
        }
    }

    private static double Compound(List<double> sentiments, string text)
    {
        var sum = sentiments.Sum();
        var exclamations = Math.Min(text.Count(c => c == '!'), 4) * 0.292;
        var questions = text.Count(c => c == '?') switch { <= 1 => 0, var q and <= 3 => q * 0.18, _ => 0.96 };
        var emphasis = exclamations + questions;
        sum += sum > 0 ? emphasis : sum < 0 ? -emphasis : 0;
        var compound = sum / Math.Sqrt((sum * sum) + 15);
        return Math.Round(Math.Clamp(compound, -1, 1), 4);
    }

    /// <summary>Words and emoticons: whitespace tokens longer than one character, with punctuation at either end taken off words.</summary>
    private static List<string> Words(string text)
    {
        var wordsOnly = PunctuationMarks().Replace(text, "").Split((char[]?)null, StringSplitOptions.None).Where(w => w.Length > 1).ToList();
        var stripped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mark in Punctuation)
        {
            foreach (var word in wordsOnly)
            {
                stripped[mark + word] = word;
                stripped[word + mark] = word;
            }
        }
        return text.Split((char[]?)null, StringSplitOptions.None)
            .Where(t => t.Length > 1)
            .Select(t => stripped.GetValueOrDefault(t, t))
            .ToList();
    }

    private static bool CapitalsStandOut(List<string> words)
    {
        var differential = words.Count - words.Count(IsUpper);
        return differential > 0 && differential < words.Count;
    }

    private static bool IsUpper(string word) => UpperWord().IsMatch(word);

    [GeneratedRegex("""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")]
    private static partial Regex PunctuationMarks();

    [GeneratedRegex("^[^a-z]*[A-Z]+[^a-z]*$")]
    private static partial Regex UpperWord();

    private static Dictionary<string, double> LoadLexicon()
    {
        using var stream = typeof(SentimentScorer).Assembly.GetManifestResourceStream("Frontline.Domain.Experience.vader_lexicon.txt")
            ?? throw new InvalidOperationException("The VADER lexicon is not embedded in " + typeof(SentimentScorer).Assembly.GetName().Name + ".");
        using var reader = new StreamReader(stream);
        var lexicon = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            if (fields.Length >= 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                lexicon[fields[0]] = valence;
            }
        }
        return lexicon;
    }
}
