using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Trades;

/// <summary>The trades the centres teach, by sector, named in three languages. Administrator only.</summary>
[Authorize(Permissions.ReferenceDataManage)]
public sealed class TradesController(AppDbContext db, IStringLocalizer<SharedResource> l) : Controller
{
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var language = Cultures.Current;
        var trades = await db.Trades.AsNoTracking().Include(t => t.Sector).ToListAsync(ct);
        return View(trades.OrderBy(t => t.Sector!.Name(language), StringComparer.CurrentCulture).ThenBy(t => t.Name(language), StringComparer.CurrentCulture)
            .Select(t => new TradeRow(t.Id, t.Code, t.Sector!.Name(language), t.NameFr, t.NameAr, t.NameEn)).ToList());
    }

    public async Task<IActionResult> Create(CancellationToken ct) => await FormView(new TradeForm(), null, ct);

    [HttpPost]
    public async Task<IActionResult> Create(TradeForm form, [FromServices] IValidator<TradeForm> validator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await ValidateAsync(form, validator, null, ct))
        {
            return await FormView(form, null, ct);
        }
        var trade = new Trade();
        form.ApplyTo(trade);
        db.Trades.Add(trade);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Trades.Saved"].Value;
        return RedirectToAction(nameof(Index));
    }

    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var trade = await db.Trades.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return trade is null ? NotFound() : await FormView(TradeForm.From(trade), id, ct);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, TradeForm form, [FromServices] IValidator<TradeForm> validator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var trade = await db.Trades.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (trade is null)
        {
            return NotFound();
        }
        if (!await ValidateAsync(form, validator, id, ct))
        {
            return await FormView(form, id, ct);
        }
        form.ApplyTo(trade);
        if (!await db.SaveWithVersionAsync(trade, form.Version, ct))
        {
            ModelState.AddModelError("", l["Centres.ConcurrencyConflict"]);
            return await FormView(form, id, ct);
        }
        TempData["Success"] = l["Trades.Saved"].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<bool> ValidateAsync(TradeForm form, IValidator<TradeForm> validator, int? id, CancellationToken ct)
    {
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        if (form.SectorId is { } sector && !await db.Sectors.AnyAsync(s => s.Id == sector, ct))
        {
            ModelState.AddModelError(nameof(form.SectorId), l["Trades.SectorRequired"]);
        }
        if (!string.IsNullOrWhiteSpace(form.Code) && await db.Trades.AnyAsync(t => t.Code == form.Code.Trim() && t.Id != id, ct))
        {
            ModelState.AddModelError(nameof(form.Code), l["Trades.CodeTaken"]);
        }
        return ModelState.IsValid;
    }

    private async Task<IActionResult> FormView(TradeForm form, int? id, CancellationToken ct)
    {
        var language = Cultures.Current;
        ViewData["Sectors"] = (await db.Sectors.AsNoTracking().ToListAsync(ct))
            .Select(s => (s.Id, Name: s.Name(language))).OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        ViewData["TradeId"] = id;
        return View("Edit", form);
    }
}

public sealed record TradeRow(int Id, string Code, string Sector, string NameFr, string NameAr, string NameEn);

public sealed class TradeForm
{
    public Guid Version { get; set; }
    public string? Code { get; set; }
    public int? SectorId { get; set; }
    public string? NameFr { get; set; }
    public string? NameAr { get; set; }
    public string? NameEn { get; set; }

    public static TradeForm From(Trade t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new() { Version = t.Version, Code = t.Code, SectorId = t.SectorId, NameFr = t.NameFr, NameAr = t.NameAr, NameEn = t.NameEn };
    }

    public void ApplyTo(Trade t)
    {
        ArgumentNullException.ThrowIfNull(t);
        t.Code = Code!.Trim().ToUpperInvariant();
        t.SectorId = SectorId!.Value;
        t.NameFr = NameFr!.Trim();
        t.NameAr = NameAr!.Trim();
        t.NameEn = NameEn!.Trim();
    }
}

public sealed class TradeFormValidator : AbstractValidator<TradeForm>
{
    public TradeFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Code).NotEmpty().WithMessage(_ => l["Centres.CodeRequired"])
            .MaximumLength(ReferenceEntity.CodeMaxLength).WithMessage(_ => l["Centres.TooLong", ReferenceEntity.CodeMaxLength]);
        RuleFor(f => f.SectorId).NotNull().WithMessage(_ => l["Trades.SectorRequired"]);
        RuleFor(f => f.NameFr).NotEmpty().WithMessage(_ => l["Trades.NamesRequired"]).MaximumLength(ReferenceEntity.NameMaxLength).WithMessage(_ => l["Centres.TooLong", ReferenceEntity.NameMaxLength]);
        RuleFor(f => f.NameAr).NotEmpty().WithMessage(_ => l["Trades.NamesRequired"]).MaximumLength(ReferenceEntity.NameMaxLength).WithMessage(_ => l["Centres.TooLong", ReferenceEntity.NameMaxLength]);
        RuleFor(f => f.NameEn).NotEmpty().WithMessage(_ => l["Trades.NamesRequired"]).MaximumLength(ReferenceEntity.NameMaxLength).WithMessage(_ => l["Centres.TooLong", ReferenceEntity.NameMaxLength]);
    }
}
