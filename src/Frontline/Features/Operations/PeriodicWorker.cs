namespace Frontline.Features.Operations;

/// <summary>
/// Background work done in rounds, every few seconds on every node, each round in its own scope. A round that
/// fails (the database away) is logged and the next tick tries again; the work itself must be safe to repeat.
/// </summary>
public abstract class PeriodicWorker(IServiceScopeFactory scopes, TimeSpan every, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>Whether the first round runs as the node starts rather than one interval later.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>What the log says when a round fails, e.g. "Service level alarms could not be checked this round".</summary>
    protected abstract string RoundFailed { get; }

    protected abstract Task RoundAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, Clock);
        if (RunsAtStart)
        {
            await TryRoundAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TryRoundAsync(stoppingToken);
        }
    }

    private async Task TryRoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RoundAsync(scope.ServiceProvider, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
#pragma warning disable CA2254 // The message is one fixed sentence per worker, not built from data.
            Logger.LogWarning(e, RoundFailed);
#pragma warning restore CA2254
        }
    }
}
