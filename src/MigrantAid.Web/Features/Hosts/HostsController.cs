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

namespace MigrantAid.Web.Features.Hosts;

/// <summary>Host professionals (workshops, garages, salons, companies), shared by the centres of a region.</summary>
[Authorize(Permissions.EnrolmentsRead)]
public sealed class HostsController(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 25;

    public async Task<IActionResult> Index(string? q, int? tradeId, HostKind? kind, int page = 1, CancellationToken ct = default)
    {
        var query = db.HostProfessionals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(h => h.Name.Contains(term) || h.City.StartsWith(term));
        }
        if (tradeId is { } t)
        {
            query = query.Where(h => h.TradeId == t);
        }
        if (kind is { } k)
        {
            query = query.Where(h => h.Kind == k);
        }
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderBy(h => h.Name).ThenBy(h => h.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(h => new HostRow(h.Id, h.Name, h.Kind, h.TradeId, h.City, h.Contact)).ToListAsync(ct);
        return View(new HostListViewModel(q, tradeId, kind, page, total, PageSize, rows, await TradesAsync(ct)));
    }

    [Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Create(CancellationToken ct) => await FormView(new HostForm { RegionId = user.RegionId }, null, ct);

    [HttpPost, Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Create(HostForm form, [FromServices] IValidator<HostForm> validator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await ValidateAsync(form, validator, ct))
        {
            return await FormView(form, null, ct);
        }
        var host = new HostProfessional();
        form.ApplyTo(host);
        db.HostProfessionals.Add(host);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Hosts.Saved"].Value;
        return RedirectToAction(nameof(Index));
    }

    [Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var host = await db.HostProfessionals.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
        return host is null ? NotFound() : await FormView(HostForm.From(host), id, ct);
    }

    [HttpPost, Authorize(Permissions.EnrolmentsManage)]
    public async Task<IActionResult> Edit(int id, HostForm form, [FromServices] IValidator<HostForm> validator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var host = await db.HostProfessionals.SingleOrDefaultAsync(h => h.Id == id, ct);
        if (host is null)
        {
            return NotFound();
        }
        if (!await ValidateAsync(form, validator, ct))
        {
            return await FormView(form, id, ct);
        }
        form.ApplyTo(host);
        if (!await db.SaveWithVersionAsync(host, form.Version, ct))
        {
            ModelState.AddModelError("", l["Centres.ConcurrencyConflict"]);
            return await FormView(form, id, ct);
        }
        TempData["Success"] = l["Hosts.Saved"].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<bool> ValidateAsync(HostForm form, IValidator<HostForm> validator, CancellationToken ct)
    {
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        // Staff of a region register hosts for their own region only.
        if (form.RegionId is { } region && !user.Scope.IsHomeRegion(region))
        {
            ModelState.AddModelError(nameof(form.RegionId), l["Centres.RegionOutOfScope"]);
        }
        if (form.TradeId is { } trade && !await db.Trades.AnyAsync(t => t.Id == trade, ct))
        {
            ModelState.AddModelError(nameof(form.TradeId), l["Enrolments.TradeRequired"]);
        }
        return ModelState.IsValid;
    }

    private async Task<IActionResult> FormView(HostForm form, int? id, CancellationToken ct)
    {
        var language = Cultures.Current;
        ViewData["Trades"] = await TradesAsync(ct);
        ViewData["Regions"] = (await db.Regions.AsNoTracking().ToListAsync(ct))
            .Where(r => user.Scope.IsNational || r.Id == user.RegionId)
            .Select(r => (r.Id, Name: r.Name(language))).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        ViewData["HostId"] = id;
        return View("Edit", form);
    }

    private async Task<IReadOnlyDictionary<int, string>> TradesAsync(CancellationToken ct)
    {
        var language = Cultures.Current;
        return (await db.Trades.AsNoTracking().ToListAsync(ct)).OrderBy(t => t.Name(language), StringComparer.CurrentCulture)
            .ToDictionary(t => t.Id, t => t.Name(language));
    }
}

public sealed record HostRow(int Id, string Name, HostKind Kind, int TradeId, string City, string? Contact);
public sealed record HostListViewModel(string? Query, int? TradeId, HostKind? Kind, int Page, int Total, int PageSize,
    IReadOnlyList<HostRow> Rows, IReadOnlyDictionary<int, string> Trades)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed class HostForm
{
    public Guid Version { get; set; }
    public string? Name { get; set; }
    public HostKind? Kind { get; set; }
    public int? TradeId { get; set; }
    public int? RegionId { get; set; }
    public string? City { get; set; }
    public string? Contact { get; set; }

    public static HostForm From(HostProfessional h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new() { Version = h.Version, Name = h.Name, Kind = h.Kind, TradeId = h.TradeId, RegionId = h.RegionId, City = h.City, Contact = h.Contact };
    }

    public void ApplyTo(HostProfessional h)
    {
        ArgumentNullException.ThrowIfNull(h);
        h.Name = Name!.Trim();
        h.Kind = Kind!.Value;
        h.TradeId = TradeId!.Value;
        h.RegionId = RegionId!.Value;
        h.City = City!.Trim();
        h.Contact = string.IsNullOrWhiteSpace(Contact) ? null : Contact.Trim();
    }
}

public sealed class HostFormValidator : AbstractValidator<HostForm>
{
    public HostFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage(_ => l["Centres.NameRequired"])
            .MaximumLength(HostProfessional.NameMaxLength).WithMessage(_ => l["Centres.TooLong", HostProfessional.NameMaxLength]);
        RuleFor(f => f.Kind).NotNull().IsInEnum().WithMessage(_ => l["Hosts.KindRequired"]);
        RuleFor(f => f.TradeId).NotNull().WithMessage(_ => l["Enrolments.TradeRequired"]);
        RuleFor(f => f.RegionId).NotNull().WithMessage(_ => l["Centres.RegionRequired"]);
        RuleFor(f => f.City).NotEmpty().WithMessage(_ => l["Centres.CityRequired"])
            .MaximumLength(HostProfessional.CityMaxLength).WithMessage(_ => l["Centres.TooLong", HostProfessional.CityMaxLength]);
        RuleFor(f => f.Contact).MaximumLength(HostProfessional.ContactMaxLength).WithMessage(_ => l["Centres.TooLong", HostProfessional.ContactMaxLength]);
    }
}
