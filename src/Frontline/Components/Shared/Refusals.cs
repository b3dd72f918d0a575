using Frontline.Features.Tickets;
using MudBlazor;

namespace Frontline.Components.Shared;

/// <summary>A refused operation is news for the person, not an error page: its reason goes in a snackbar.</summary>
public static class Refusals
{
    /// <returns>Whether the operation was done.</returns>
    public static bool Report<T>(this ISnackbar snackbar, Outcome<T> outcome, string? done = null)
    {
        if (!outcome.IsDone)
        {
            snackbar.Add(outcome.Reason ?? "That was refused.", outcome.Refusal == Refusal.Invalid ? Severity.Warning : Severity.Error);
            return false;
        }
        if (done is not null)
        {
            snackbar.Add(done, Severity.Success);
        }
        return true;
    }
}
