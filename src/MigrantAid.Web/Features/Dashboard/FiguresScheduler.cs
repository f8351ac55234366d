using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Dashboard;

public sealed class FiguresOptions
{
    public const string Section = "Figures";
    /// <summary>Rebuild the dashboard figures in the background (at start-up, then every few minutes).</summary>
    public bool Enabled { get; set; } = true;
    public int RefreshMinutes { get; set; } = 15;
}

/// <summary>
/// Rebuilds the dashboard figures at start-up (without holding it up: the app answers while it
/// runs) and then every <see cref="FiguresOptions.RefreshMinutes"/>, or at once when an
/// administrator asks. Every app instance schedules it; the lease lets one at a time run it.
/// </summary>
public sealed partial class FiguresScheduler(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<FiguresOptions> options, TimeProvider clock,
    FiguresTrigger trigger, ILogger<FiguresScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        await Task.Yield();
        var every = TimeSpan.FromMinutes(Math.Max(1, options.Value.RefreshMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("dashboard figures: background refresh");
                var refresh = await scope.ServiceProvider.GetRequiredService<FiguresRefresher>().RefreshAsync(stoppingToken);
                if (refresh is null)
                {
                    LogSkipped(logger);
                }
                else
                {
                    LogRan(logger, refresh.Rows, refresh.DurationMs);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            trigger.RunFinished();
            await trigger.WaitAsync(every, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard figures: another instance holds the lease; not refreshed here")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard figures refreshed: {Rows} rows in {DurationMs} ms")]
    private static partial void LogRan(ILogger logger, int rows, long durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dashboard figures refresh failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
