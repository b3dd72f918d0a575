using Frontline.Features.Tickets;
using Microsoft.AspNetCore.Components;

namespace Frontline.Components.Shared;

/// <summary>
/// A page that refreshes itself when a ticket it shows changes anywhere on this node. The feed raises
/// its event on the thread of whoever changed the ticket, so the refresh is marshalled onto this
/// circuit's renderer; changes that arrive during a refresh fold into one more refresh, not a pile-up.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private bool refreshing;
    private bool again;

    [Inject]
    private TicketFeed Feed { get; set; } = default!;

    /// <summary>Whether this change could alter what the page shows.</summary>
    protected abstract bool Concerns(TicketChanged change);

    protected abstract Task RefreshAsync();

    protected override void OnInitialized()
    {
        // A prerendered page is thrown away; only the interactive one listens.
        if (RendererInfo.IsInteractive)
        {
            Feed.Changed += OnChanged;
        }
    }

    private void OnChanged(TicketChanged change)
    {
        if (Concerns(change))
        {
            _ = InvokeAsync(RefreshNowAsync);
        }
    }

    private async Task RefreshNowAsync()
    {
        if (refreshing)
        {
            again = true;
            return;
        }
        refreshing = true;
        try
        {
            do
            {
                again = false;
                await RefreshAsync();
                StateHasChanged();
            }
            while (again);
        }
        catch (Exception e)
        {
            // Nobody awaits this refresh: hand the failure to the circuit, as an event handler's would be.
            await DispatchExceptionAsync(e);
        }
        finally
        {
            refreshing = false;
        }
    }

    public void Dispose()
    {
        Feed.Changed -= OnChanged;
        GC.SuppressFinalize(this);
    }
}
