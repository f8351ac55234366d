using Microsoft.Extensions.Options;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Jobs;

namespace MigrantAid.Web.Features.Retention;

public static class RetentionSetup
{
    public static IServiceCollection AddRetentionFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<JobInstance>();
        services.AddScoped<JobLeases>();
        services.AddScoped<RetentionJob>();
        services.AddHostedService<RetentionScheduler>();
        services.AddNavEntry("/Retention", "Nav.Retention", Permissions.PrivacyManage, 95);
        return services;
    }
}

/// <summary>
/// Runs the retention job once a day at <see cref="RetentionOptions.RunAtUtcHour"/>. Every app
/// instance schedules it; the lease lets only one of them run it.
/// </summary>
public sealed partial class RetentionScheduler(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock,
    ILogger<RetentionScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(UntilNextRun(clock.GetUtcNow(), options.Value.RunAtUtcHour), clock, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Infrastructure.Auth.CurrentUser>().EnterSystemScope("retention job: scheduled daily run");
                var run = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(dryRun: false, "schedule", stoppingToken);
                if (run is null)
                {
                    LogSkipped(logger);
                }
                else
                {
                    LogRan(logger, run.Id, run.Report, run.Error);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    public static TimeSpan UntilNextRun(DateTimeOffset now, int hour)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(Math.Clamp(hour, 0, 23));
        return (today > now ? today : today.AddDays(1)) - now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: another instance holds the lease; not run here")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run {RunId}: {Report} {Error}")]
    private static partial void LogRan(ILogger logger, int runId, string report, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
