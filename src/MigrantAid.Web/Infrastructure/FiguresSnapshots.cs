namespace MigrantAid.Web.Infrastructure;

/// <summary>
/// A feature's own stored figures, rebuilt with the dashboard figures (the "figures" refresh:
/// at start-up, every few minutes, on the administrator's button and by the
/// <c>refresh-figures</c> verb). The refresher calls <see cref="ComputeAsync"/> outside any
/// transaction (the slow part, reading the records), then <see cref="ReplaceAsync"/> inside the
/// one short transaction that swaps every snapshot at once, on the same scoped AppDbContext.
/// Registered by the feature: <c>services.AddScoped&lt;IFiguresSnapshot, X&gt;()</c>.
/// </summary>
public interface IFiguresSnapshot
{
    Task ComputeAsync(CancellationToken ct);

    /// <summary>Deletes the old rows and adds the computed ones; returns the number of rows written.</summary>
    Task<int> ReplaceAsync(CancellationToken ct);
}
