using Frontline.Domain.Triage;

namespace Frontline.Import.Tests;

public sealed class TriageTests
{
    private static readonly (string Text, string Label)[] Tickets =
    [
        .. Enumerable.Range(0, 30).Select(i => ($"laptop screen broken monitor cable {i}", "Hardware")),
        .. Enumerable.Range(0, 30).Select(i => ($"please grant access to shared folder permission {i}", "Access")),
        .. Enumerable.Range(0, 10).Select(i => ($"purchase order for new licences quote {i}", "Purchase")),
    ];

    [Fact]
    public void The_hold_out_keeps_each_labels_share_and_is_the_same_every_time()
    {
        var (train, test) = Evaluation.StratifiedSplit(Tickets, t => t.Label, 0.2, seed: 42);
        var (_, again) = Evaluation.StratifiedSplit(Tickets, t => t.Label, 0.2, seed: 42);

        Assert.Equal(70, train.Count + test.Count);
        Assert.Equal(6, test.Count(t => t.Label == "Hardware"));
        Assert.Equal(2, test.Count(t => t.Label == "Purchase"));
        Assert.Equal(test, again);
        Assert.Empty(train.Intersect(test));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_saved_model_suggests_what_it_suggested_before_saving(bool withNetwork)
    {
        var options = withNetwork ? TriageOptions.Default : TriageOptions.Default with { Networks = [] };
        var model = TriageClassifier.Train(Tickets, options).Calibrate(Tickets);

        var restored = TriageClassifier.FromBytes(model.ToBytes());

        var text = "my monitor cable is broken";
        Assert.Equal("Hardware", restored.Suggest(text, 1)[0].Label);
        Assert.Equal(model.Suggest(text, 3), restored.Suggest(text, 3));
        Assert.InRange(restored.Suggest(text, 3).Sum(s => s.Confidence), 0.999, 1.001);
    }

    [Fact]
    public void Accuracy_and_macro_f1_count_every_label_alike()
    {
        var score = Evaluation.Score(["a", "a", "a", "b"], ["a", "a", "a", "a"]);

        Assert.Equal(0.75, score.Accuracy);
        Assert.Equal((2 * 0.75 * 1 / 1.75 + 0) / 2, score.MacroF1, precision: 10);
    }
}
