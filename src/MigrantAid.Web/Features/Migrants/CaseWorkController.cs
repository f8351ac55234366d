using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// What social workers record on a file: case notes, needs and referrals, household members.
/// Each record copies the file's region, so it carries its own row scope.
/// </summary>
[Authorize(Permissions.MigrantsWrite)]
[Route("Migrants/{migrantId:int}/[action]")]
public sealed class CaseWorkController(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l,
    MigrantAid.Web.Features.Privacy.ConsentRules consents) : Controller
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    [HttpGet]
    public async Task<IActionResult> AddNote(int migrantId, CancellationToken ct) =>
        await FileAsync(migrantId, ct) is { } file ? Page("NoteForm", file, new CaseNoteForm { Date = Today, Kind = CaseNoteKind.Interview }) : NotFound();

    [HttpPost]
    public async Task<IActionResult> AddNote(int migrantId, CaseNoteForm form, [FromServices] IValidator<CaseNoteForm> validator, CancellationToken ct)
    {
        if (await FileAsync(migrantId, ct) is not { } file)
        {
            return NotFound();
        }
        if (!await ValidAsync(validator, form, ct))
        {
            return Page("NoteForm", file, form);
        }
        db.CaseNotes.Add(new CaseNote
        {
            MigrantId = file.Id, RegionId = file.RegionId, Kind = form.Kind!.Value, Date = form.Date!.Value, Text = form.Text!.Trim(),
            Confidential = form.Confidential, AuthorId = user.Id,
        });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["CaseWork.NoteAdded"].Value;
        return Redirect($"~/Migrants/Details/{file.Id}");
    }

    [HttpGet]
    public async Task<IActionResult> AddNeed(int migrantId, CancellationToken ct) =>
        await FileAsync(migrantId, ct) is { } file ? Page("NeedForm", file, new NeedForm { OpenedOn = Today }) : NotFound();

    [HttpPost]
    public async Task<IActionResult> AddNeed(int migrantId, NeedForm form, [FromServices] IValidator<NeedForm> validator, CancellationToken ct)
    {
        if (await FileAsync(migrantId, ct) is not { } file)
        {
            return NotFound();
        }
        if (!await ValidAsync(validator, form, ct))
        {
            return Page("NeedForm", file, form);
        }
        // A referral hands the file to an outside organisation: only with the person's consent to share with it.
        if (form.Status == Domain.NeedStatus.Referred && !await consents.MayShareWithAsync(file.Id, form.ReferredTo, ct))
        {
            ModelState.AddModelError(nameof(form.ReferredTo), l["Privacy.ReferralNeedsConsent", form.ReferredTo!.Trim()]);
            return Page("NeedForm", file, form);
        }
        var need = new Need
        {
            MigrantId = file.Id, RegionId = file.RegionId, Kind = form.Kind!.Value, ReferredTo = Clean(form.ReferredTo),
            OpenedOn = form.OpenedOn!.Value, Notes = Clean(form.Notes),
        };
        need.SetStatus(form.Status, Today);
        db.Needs.Add(need);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["CaseWork.NeedAdded"].Value;
        return Redirect($"~/Migrants/Details/{file.Id}");
    }

    [HttpPost]
    public async Task<IActionResult> NeedStatus(int migrantId, int needId, NeedStatus status, string? referredTo, CancellationToken ct)
    {
        var need = await db.Needs.SingleOrDefaultAsync(n => n.Id == needId && n.MigrantId == migrantId, ct);
        if (need is null || !MigrantAccess.MayWriteInRegion(user, need.RegionId) || !Enum.IsDefined(status))
        {
            return NotFound();
        }
        if (!string.IsNullOrWhiteSpace(referredTo))
        {
            need.ReferredTo = referredTo.Trim()[..Math.Min(referredTo.Trim().Length, Need.ReferredToMaxLength)];
        }
        if (status == Domain.NeedStatus.Referred && need.Status != Domain.NeedStatus.Referred && !await consents.MayShareWithAsync(migrantId, need.ReferredTo, ct))
        {
            // No consent to share with that organisation: the page to record it says why.
            return Redirect($"~/Privacy/Consents/Record/{migrantId}?purpose={ConsentPurpose.SharingWithPartner}&partner={Uri.EscapeDataString(need.ReferredTo ?? "")}&refused=true");
        }
        need.SetStatus(status, Today);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Ux.NeedStatusSaved", l["NeedKind." + need.Kind].Value, l["NeedStatus." + status].Value].Value;
        return Redirect($"~/Migrants/Details/{migrantId}#needs");
    }

    [HttpGet]
    public async Task<IActionResult> AddMember(int migrantId, CancellationToken ct) =>
        await FileAsync(migrantId, ct) is { } file ? Page("HouseholdForm", file, new HouseholdForm()) : NotFound();

    [HttpPost]
    public async Task<IActionResult> AddMember(int migrantId, HouseholdForm form, [FromServices] IValidator<HouseholdForm> validator, CancellationToken ct)
    {
        if (await FileAsync(migrantId, ct) is not { } file)
        {
            return NotFound();
        }
        await ValidAsync(validator, form, ct);
        int? relatedId = null;
        if (!string.IsNullOrWhiteSpace(form.RelatedFileNumber))
        {
            var number = form.RelatedFileNumber.Trim().ToUpperInvariant();
            // Only a file the user may open can be linked.
            relatedId = await db.Migrants.Where(m => m.FileNumber == number && m.MergedIntoId == null).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct);
            if (relatedId is null || relatedId == file.Id)
            {
                ModelState.AddModelError(nameof(form.RelatedFileNumber), l["CaseWork.FileNumberUnknown"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page("HouseholdForm", file, form);
        }
        db.HouseholdMembers.Add(new HouseholdMember
        {
            MigrantId = file.Id, RegionId = file.RegionId, RelatedMigrantId = relatedId, Relationship = form.Relationship!.Value,
            Name = relatedId is null ? Clean(form.Name) : null, Age = relatedId is null ? form.Age : null,
        });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Ux.MemberAdded"].Value;
        return Redirect($"~/Migrants/Details/{file.Id}#household");
    }

    [HttpPost]
    public async Task<IActionResult> RemoveMember(int migrantId, int memberId, CancellationToken ct)
    {
        var member = await db.HouseholdMembers.SingleOrDefaultAsync(h => h.Id == memberId && h.MigrantId == migrantId, ct);
        if (member is null || !MigrantAccess.MayWriteInRegion(user, member.RegionId))
        {
            return NotFound();
        }
        db.HouseholdMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Ux.MemberRemoved"].Value;
        return Redirect($"~/Migrants/Details/{migrantId}#household");
    }

    /// <summary>The file, if the user may see it (row scope) and write in its region.</summary>
    private async Task<CaseWorkFile?> FileAsync(int id, CancellationToken ct)
    {
        var file = await db.Migrants.AsNoTracking().Where(m => m.Id == id && m.MergedIntoId == null)
            .Select(m => new CaseWorkFile(m.Id, m.RegionId, m.FileNumber, m.FamilyName + " " + m.GivenName)).SingleOrDefaultAsync(ct);
        return file is not null && MigrantAccess.MayWriteInRegion(user, file.RegionId) ? file : null;
    }

    private async Task<bool> ValidAsync<T>(IValidator<T> validator, T form, CancellationToken ct)
    {
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        return ModelState.IsValid;
    }

    private ViewResult Page(string view, CaseWorkFile file, object form)
    {
        ViewData[nameof(CaseWorkFile)] = file;
        ViewData["MaySeeSensitive"] = MigrantAccess.MaySeeSensitive(user);
        return View($"~/Features/Migrants/{view}.cshtml", form);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record CaseWorkFile(int Id, int RegionId, string FileNumber, string Name);
