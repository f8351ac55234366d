using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;

namespace MigrantAid.Web.Features.Activities;

/// <summary>
/// The grants of the income-generating activities attributed to a convention, in MAD: granted by
/// the committee (activities not rejected) and paid in tranches. Reporting path: sums over every
/// region the convention covers, no person row.
/// </summary>
public sealed class ActivityMoneySource : IConventionMoneySource
{
    public async Task<IReadOnlyList<MoneyFigure>> TotalsAsync(AppDbContext db, int conventionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = db.ConventionAttributions.Where(x => x.PartnerConventionId == conventionId && x.RecordKind == AttributedRecordKind.IncomeGeneratingActivity).Select(x => x.RecordId);
        // Decimals, which SQLite cannot sum: one amount per activity, added up here (a convention has a few hundred at most).
        // Scope bypass: a convention's money is summed over every region it covers (reporting path, numbers only).
        var granted = await db.IncomeActivities.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(a => ids.Contains(a.Id) && a.GrantGranted != null && a.Status != ActivityStatus.Rejected)
            .Select(a => a.GrantGranted!.Value).ToListAsync(ct);
        // Scope bypass: as above, the tranches paid.
        var paid = await db.ActivityTranches.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(t => ids.Contains(t.IncomeActivityId))
            .Select(t => new { t.IncomeActivityId, t.Amount }).ToListAsync(ct);
        return
        [
            new MoneyFigure("Activities.MoneyGranted", granted.Sum(), granted.Count, 10),
            new MoneyFigure("Activities.MoneyPaid", paid.Sum(t => t.Amount), paid.Select(t => t.IncomeActivityId).Distinct().Count(), 20),
        ];
    }
}
