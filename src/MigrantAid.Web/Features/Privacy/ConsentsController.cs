using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Privacy;

/// <summary>Consents per purpose on a case file: recorded and withdrawn by the staff who write in the file's region.</summary>
[Route("Privacy/Consents")]
public sealed class ConsentsController(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 50;

    [HttpGet("Record/{migrantId:int}"), Authorize(Permissions.MigrantsWrite)]
    public async Task<IActionResult> Record(int migrantId, ConsentPurpose? purpose, string? partner, bool refused, CancellationToken ct)
    {
        if (await FileAsync(migrantId, ct) is not { } file)
        {
            return NotFound();
        }
        ViewData["Refused"] = refused ? partner : null;
        return Page(file, new ConsentForm
        {
            Purpose = purpose is { } p && Enum.IsDefined(p) ? p : null, PartnerName = partner?.Trim(), GivenOn = clock.Today(), Method = ConsentMethod.SignedForm,
        });
    }

    [HttpPost("Record/{migrantId:int}"), Authorize(Permissions.MigrantsWrite)]
    public async Task<IActionResult> Record(int migrantId, ConsentForm form, [FromServices] IValidator<ConsentForm> validator, CancellationToken ct)
    {
        if (await FileAsync(migrantId, ct) is not { } file)
        {
            return NotFound();
        }
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        if (!ModelState.IsValid)
        {
            return Page(file, form);
        }
        db.Consents.Add(new Consent
        {
            MigrantId = file.Id, RegionId = file.RegionId, Purpose = form.Purpose!.Value, Method = form.Method!.Value,
            PartnerName = form.Purpose == ConsentPurpose.SharingWithPartner ? form.PartnerName!.Trim() : null,
            Witness = form.Method == ConsentMethod.OralWithWitness ? form.Witness!.Trim() : null,
            GivenOn = form.GivenOn!.Value, ExpiresOn = form.ExpiresOn, RecordedById = user.Id,
        });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Privacy.ConsentRecorded"].Value;
        return Redirect($"~/Migrants/Details/{file.Id}#consents");
    }

    /// <summary>Withdrawing a purpose is one action, dated and audited (the form asks for confirmation first).</summary>
    [HttpPost("Withdraw/{id:int}"), Authorize(Permissions.MigrantsWrite)]
    public async Task<IActionResult> Withdraw(int id, CancellationToken ct)
    {
        var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consent is null || !MigrantAccess.MayWriteInRegion(user, consent.RegionId))
        {
            return NotFound();
        }
        if (consent.WithdrawnOn is null)
        {
            consent.Withdraw(clock.Today(), user.Id);
            await db.SaveChangesAsync(ct);
            TempData["Success"] = l["Privacy.ConsentWithdrawn"].Value;
        }
        return Redirect($"~/Migrants/Details/{consent.MigrantId}#consents");
    }

    /// <summary>Consents expired or expiring within the window, not withdrawn, in the user's row scope (their region).</summary>
    [HttpGet("Expiring"), Authorize(Permissions.MigrantsReadSensitive)]
    public async Task<IActionResult> Expiring(int? regionId, int page = 1, CancellationToken ct = default)
    {
        var today = clock.Today();
        var limit = today.AddDays(ConsentRules.ExpiringWindowDays);
        var query = db.Consents.AsNoTracking().Where(c => c.WithdrawnOn == null && c.ExpiresOn != null && c.ExpiresOn <= limit
            && c.Migrant!.MergedIntoId == null);
        if (regionId is { } r)
        {
            query = query.Where(c => c.RegionId == r);
        }
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderBy(c => c.ExpiresOn).ThenBy(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new ExpiringConsentRow(c.MigrantId, c.Migrant!.FileNumber, c.Migrant.FamilyName + " " + c.Migrant.GivenName,
                c.Purpose, c.PartnerName, c.ExpiresOn!.Value))
            .ToListAsync(ct);
        return View("~/Features/Privacy/Expiring.cshtml", new ExpiringConsentsViewModel(today, regionId, page, pages, total, rows,
            await MigrantOptions.LoadAsync(db, user, ct), user.Scope.IsNational));
    }

    private async Task<CaseWorkFile?> FileAsync(int id, CancellationToken ct)
    {
        var file = await db.Migrants.AsNoTracking().Where(m => m.Id == id && m.MergedIntoId == null)
            .Select(m => new CaseWorkFile(m.Id, m.RegionId, m.FileNumber, m.FamilyName + " " + m.GivenName)).SingleOrDefaultAsync(ct);
        return file is not null && MigrantAccess.MayWriteInRegion(user, file.RegionId) ? file : null;
    }

    private ViewResult Page(CaseWorkFile file, ConsentForm form)
    {
        ViewData[nameof(CaseWorkFile)] = file;
        return View("~/Features/Privacy/ConsentForm.cshtml", form);
    }
}

public sealed record ExpiringConsentRow(int MigrantId, string FileNumber, string Name, ConsentPurpose Purpose, string? PartnerName, DateOnly ExpiresOn);

public sealed record ExpiringConsentsViewModel(DateOnly Today, int? RegionId, int Page, int PageCount, int Total,
    IReadOnlyList<ExpiringConsentRow> Rows, MigrantOptions Options, bool ChooseRegion);
