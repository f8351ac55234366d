using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>The value of the aid distributions attributed to a convention, in MAD (those with a value recorded). Reporting path: numbers only.</summary>
public sealed class AidMoneySource : IConventionMoneySource
{
    public async Task<IReadOnlyList<MoneyFigure>> TotalsAsync(AppDbContext db, int conventionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = db.ConventionAttributions.Where(x => x.PartnerConventionId == conventionId && x.RecordKind == AttributedRecordKind.AidDistribution).Select(x => x.RecordId);
        // Decimals, which SQLite cannot sum: one amount per distribution, added up here.
        // Scope bypass: a convention's money is summed over every region it covers (reporting path, numbers only).
        var values = await db.AidDistributions.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(d => ids.Contains(d.Id) && d.ValueMad != null)
            .Select(d => d.ValueMad!.Value).ToListAsync(ct);
        return [new MoneyFigure("Distributions.MoneyValue", values.Sum(), values.Count, 30)];
    }
}
