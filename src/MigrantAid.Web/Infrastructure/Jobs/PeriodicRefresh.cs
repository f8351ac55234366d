namespace MigrantAid.Web.Infrastructure.Jobs;

/// <summary>
/// Work a feature wants done on the background refresh's schedule (at start-up, then every few
/// minutes), under the same lease, after the dashboard figures: e.g. re-evaluating stored states
/// that depend on the date. Registered by the feature; the refresher knows nothing of it.
/// The caller has entered the system scope.
/// </summary>
public interface IPeriodicRefresh
{
    Task RunAsync(CancellationToken ct);
}
