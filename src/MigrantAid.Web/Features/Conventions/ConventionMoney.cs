using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>One money line of a convention, in dirhams (the records' own currency): what it is, how many records add up to it.</summary>
public sealed record MoneyFigure(string LabelKey, decimal AmountMad, int Records, int Order);

/// <summary>
/// A feature's money attributed to a convention (activity grants, aid value): sums in MAD of
/// the records attributed to it, numbers only. Registered by the feature
/// (<c>services.AddScoped&lt;IConventionMoneySource, X&gt;()</c>); the conventions feature shows
/// them in the convention's currency with the MAD equivalent, at the rate recorded on it.
/// Reporting path: the caller has already checked the user may read the convention.
/// </summary>
public interface IConventionMoneySource
{
    Task<IReadOnlyList<MoneyFigure>> TotalsAsync(AppDbContext db, int conventionId, CancellationToken ct);
}

/// <summary>A line as shown: the amount in the convention's currency and in MAD; hidden for a partner when fewer than 5 records make it.</summary>
public sealed record MoneyLine(string LabelKey, int Records, decimal InCurrency, decimal InMad, bool Suppressed)
{
    public string DisplayRecords(IFormatProvider? culture = null) => Suppressed ? SmallCells.Shown : Records.ToString("N0", culture ?? CultureInfo.CurrentCulture);
}

public sealed record ConventionMoneyViewModel(ConventionCurrency Currency, decimal Rate, IReadOnlyList<MoneyLine> Lines);

/// <summary>The money totals of a convention (its page, its printable report): each line in the convention's currency and in MAD.</summary>
public sealed class ConventionMoneyViewComponent(AppDbContext db, IEnumerable<IConventionMoneySource> sources, CurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int conventionId)
    {
        var ct = HttpContext.RequestAborted;
        var convention = await db.PartnerConventions.AsNoTracking().Where(c => c.Id == conventionId)
            .Select(c => new { c.Currency, c.ExchangeRateToMad }).SingleOrDefaultAsync(ct);
        if (convention is null)
        {
            return Content("");
        }
        var figures = new List<MoneyFigure>();
        foreach (var source in sources)
        {
            figures.AddRange(await source.TotalsAsync(db, conventionId, ct));
        }
        // A partner never sees a figure made of fewer than 5 records (one grant is one person's or one group's).
        var partner = !user.Has(Permissions.ConventionsRead);
        var lines = figures.OrderBy(f => f.Order)
            .Select(f => new MoneyLine(f.LabelKey, f.Records, ConventionMoney.ToCurrency(f.AmountMad, convention.ExchangeRateToMad), f.AmountMad,
                partner && SmallCells.Hides(f.Records)))
            .ToList();
        return View("~/Features/Conventions/_ConventionMoney.cshtml", new ConventionMoneyViewModel(convention.Currency, convention.ExchangeRateToMad, lines));
    }
}

public static class ConventionMoney
{
    /// <summary>Dirhams into the convention's currency at its recorded rate (MAD per unit), rounded to the centime.</summary>
    public static decimal ToCurrency(decimal mad, decimal rateToMad) =>
        rateToMad > 0 ? Math.Round(mad / rateToMad, 2, MidpointRounding.AwayFromZero) : 0;
}
