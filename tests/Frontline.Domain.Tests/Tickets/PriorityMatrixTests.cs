using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.Tickets;

public class PriorityMatrixTests
{
    [Theory]
    [InlineData(Impact.High, Urgency.High, Priority.P1)]
    [InlineData(Impact.High, Urgency.Low, Priority.P3)]
    [InlineData(Impact.Medium, Urgency.Medium, Priority.P3)]
    [InlineData(Impact.Low, Urgency.Medium, Priority.P4)]
    [InlineData(Impact.Low, Urgency.Low, Priority.P5)]
    public void The_default_is_the_itil_three_by_three(Impact impact, Urgency urgency, Priority expected)
    {
        Assert.Equal(expected, PriorityMatrix.Itil.Decide(impact, urgency));
    }

    [Fact]
    public void A_matrix_given_all_nine_cells_in_any_order_is_accepted_and_equal_by_value()
    {
        var result = PriorityMatrix.From(PriorityMatrix.Itil.Cells().Reverse());

        Assert.True(result.IsOk);
        Assert.Equal(PriorityMatrix.Itil, result.Value);
        Assert.Equal(PriorityMatrix.Itil.GetHashCode(), result.Value.GetHashCode());
    }

    [Fact]
    public void A_missing_cell_is_refused()
    {
        var result = PriorityMatrix.From(PriorityMatrix.Itil.Cells().Skip(1));

        Assert.Equal("cells", result.Field);
        Assert.Contains("missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_given_twice_is_refused()
    {
        var result = PriorityMatrix.From(PriorityMatrix.Itil.Cells().Append((Impact.High, Urgency.High, Priority.P1)));

        Assert.Contains("twice", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_out_of_range_are_refused()
    {
        var cells = PriorityMatrix.Itil.Cells().Select(c => c.Impact == Impact.Low && c.Urgency == Urgency.Low ? (c.Impact, c.Urgency, (Priority)9) : c);

        Assert.Contains("1–5", PriorityMatrix.From(cells).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matrix_where_more_impact_lowers_the_priority_is_refused()
    {
        var cells = PriorityMatrix.Itil.Cells().Select(c => c.Impact == Impact.Medium && c.Urgency == Urgency.High ? (c.Impact, c.Urgency, Priority.P5) : c);

        var result = PriorityMatrix.From(cells);

        Assert.Contains("ranks above", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_matrix_decides_with_its_own_cells()
    {
        var cells = PriorityMatrix.Itil.Cells().Select(c => c.Impact == Impact.High && c.Urgency == Urgency.Medium ? (c.Impact, c.Urgency, Priority.P1) : c);

        var matrix = PriorityMatrix.From(cells).Value;

        Assert.Equal(Priority.P1, matrix.Decide(Impact.High, Urgency.Medium));
        Assert.NotEqual(PriorityMatrix.Itil, matrix);
    }
}
