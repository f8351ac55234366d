using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Privacy;

/// <summary>
/// The rights of the people on file (Law 09-08, GDPR): the register of their requests with
/// deadlines, the complete file for an access request, anonymisation for erasure or objection,
/// and the permission report for the data-protection officer.
/// </summary>
[Authorize(Permissions.PrivacyManage)]
[Route("Privacy")]
public sealed class PrivacyController(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l,
    IOptions<PrivacyOptions> options) : Controller
{
    public const int PageSize = 50;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [HttpGet("")]
    public async Task<IActionResult> Index(bool open = false, int page = 1, CancellationToken ct = default)
    {
        var today = clock.Today();
        var query = db.PrivacyRequests.AsNoTracking();
        if (open)
        {
            query = query.Where(r => r.Status == PrivacyRequestStatus.Received || r.Status == PrivacyRequestStatus.InProgress);
        }
        var total = await query.CountAsync(ct);
        var overdue = await db.PrivacyRequests.CountAsync(r => (r.Status == PrivacyRequestStatus.Received || r.Status == PrivacyRequestStatus.InProgress) && r.DueOn < today, ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderBy(r => r.Status == PrivacyRequestStatus.Done || r.Status == PrivacyRequestStatus.Refused).ThenBy(r => r.DueOn).ThenBy(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new PrivacyRequestRow(r.Id, r.MigrantId, r.Migrant!.FileNumber, r.Kind, r.ReceivedOn, r.DueOn, r.Status, r.ClosedOn))
            .ToListAsync(ct);
        return View("~/Features/Privacy/Index.cshtml", new PrivacyRegisterViewModel(today, open, page, pages, total, overdue, rows));
    }

    [HttpGet("Requests/New")]
    public IActionResult New(string? fileNumber) =>
        View("~/Features/Privacy/New.cshtml", new PrivacyRequestForm { FileNumber = fileNumber, ReceivedOn = clock.Today() });

    [HttpPost("Requests/New")]
    public async Task<IActionResult> New(PrivacyRequestForm form, [FromServices] IValidator<PrivacyRequestForm> validator, CancellationToken ct)
    {
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        var number = form.FileNumber?.Trim().ToUpperInvariant();
        var file = ModelState.IsValid
            ? await db.Migrants.AsNoTracking().Where(m => m.FileNumber == number && m.MergedIntoId == null).Select(m => new { m.Id, m.RegionId }).SingleOrDefaultAsync(ct)
            : null;
        if (ModelState.IsValid && file is null)
        {
            ModelState.AddModelError(nameof(form.FileNumber), l["CaseWork.FileNumberUnknown"]);
        }
        if (!ModelState.IsValid || file is null)
        {
            return View("~/Features/Privacy/New.cshtml", form);
        }
        db.PrivacyRequests.Add(new PrivacyRequest
        {
            MigrantId = file.Id, RegionId = file.RegionId, Kind = form.Kind!.Value, ReceivedOn = form.ReceivedOn!.Value,
            DueOn = options.Value.DeadlineFor(form.ReceivedOn.Value), Status = PrivacyRequestStatus.Received, HandledById = user.Id,
        });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Privacy.RequestRecorded"].Value;
        return Redirect("~/Privacy");
    }

    [HttpPost("Requests/{id:int}/Status")]
    public async Task<IActionResult> Status(int id, PrivacyRequestStatus status, CancellationToken ct)
    {
        var request = await db.PrivacyRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || !Enum.IsDefined(status))
        {
            return NotFound();
        }
        request.Status = status;
        request.ClosedOn = request.IsOpen ? null : clock.Today();
        request.HandledById = user.Id;
        await db.SaveChangesAsync(ct);
        return Redirect("~/Privacy");
    }

    /// <summary>Right of access: the complete file as a readable page to print.</summary>
    [HttpGet("Access/{migrantId:int}")]
    public async Task<IActionResult> Access(int migrantId, [FromServices] PersonFileBuilder builder, [FromServices] PersonFilePrinter printer,
        [FromServices] AuditTrail auditTrail, CancellationToken ct)
    {
        if (await builder.BuildAsync(migrantId, ct) is not { } file)
        {
            return NotFound();
        }
        await FileOpenings.RecordAsync(db, auditTrail, migrantId, ct);
        return View("~/Features/Privacy/Access.cshtml", await printer.PrintAsync(file, ct));
    }

    /// <summary>Right of access: the same complete file, machine-readable.</summary>
    [HttpGet("Access/{migrantId:int}/Json")]
    public async Task<IActionResult> AccessJson(int migrantId, [FromServices] PersonFileBuilder builder, [FromServices] AuditTrail auditTrail, CancellationToken ct)
    {
        if (await builder.BuildAsync(migrantId, ct) is not { } file)
        {
            return NotFound();
        }
        await FileOpenings.RecordAsync(db, auditTrail, migrantId, ct);
        var json = JsonSerializer.SerializeToUtf8Bytes(file, JsonOptions);
        return File(json, "application/json", $"{file.FileNumber}.json");
    }

    /// <summary>Erasure or objection: what will happen, and a confirmation.</summary>
    [HttpGet("Requests/{id:int}/Erase")]
    public async Task<IActionResult> Erase(int id, CancellationToken ct) =>
        await ErasableAsync(id, ct) is { } model ? View("~/Features/Privacy/Erase.cshtml", model) : NotFound();

    [HttpPost("Requests/{id:int}/Erase")]
    public async Task<IActionResult> Erase(int id, bool confirm, [FromServices] Anonymiser anonymiser, CancellationToken ct)
    {
        if (await ErasableAsync(id, ct) is not { } model)
        {
            return NotFound();
        }
        if (!confirm)
        {
            ModelState.AddModelError("confirm", l["Privacy.ConfirmRequired"]);
            return View("~/Features/Privacy/Erase.cshtml", model);
        }
        // The reason kept in the trail names the request, never the person.
        await anonymiser.AnonymiseAsync(model.MigrantId, $"{model.Kind} request #{model.RequestId} received {model.ReceivedOn:yyyy-MM-dd}", ct);
        var request = await db.PrivacyRequests.SingleAsync(r => r.Id == id, ct);
        request.Status = PrivacyRequestStatus.Done;
        request.ClosedOn = clock.Today();
        request.HandledById = user.Id;
        await db.SaveChangesAsync(ct);
        TempData["Success"] = l["Privacy.Anonymised"].Value;
        return Redirect("~/Privacy");
    }

    /// <summary>For the data-protection officer: what each user can see, and when they last opened a file.</summary>
    [HttpGet("Permissions")]
    public async Task<IActionResult> PermissionReport([FromServices] Infrastructure.Auditing.AuditEventWriter auditEvents, int page = 1, CancellationToken ct = default)
    {
        // The last file each user opened: openings still queued for the trail count.
        await auditEvents.FlushAsync(ct);
        var total = await db.Users.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.IsActive, u.RegionId, Centre = u.TrainingCentre != null ? u.TrainingCentre.Name : null,
                Partner = u.Partner != null ? u.Partner.NameFr : null,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
                LastOpened = db.AuditEntries.Where(a => a.UserId == u.Id && a.Action == AuditAction.Viewed && a.EntityType == nameof(Migrant))
                    .Max(a => (DateTimeOffset?)a.At),
            }).ToListAsync(ct);
        var language = Cultures.Current;
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var rows = users.Select(u =>
        {
            var roles = u.Roles.OfType<string>().Where(r => AccessModel.ScopeOf(r) != ScopeKind.None).ToList();
            var kind = roles.Count == 0 ? ScopeKind.None : roles.Select(AccessModel.ScopeOf).Max();
            var permissions = roles.SelectMany(AccessModel.PermissionsOf).ToHashSet();
            var where = kind switch
            {
                ScopeKind.National => l["Privacy.ScopeNational"].Value,
                ScopeKind.Region => u.RegionId is { } r && regions.TryGetValue(r, out var region) ? region.Name(language) : l["Privacy.ScopeNone"].Value,
                ScopeKind.Centre => u.Centre is null ? l["Privacy.ScopeNone"].Value : l["Privacy.ScopeCentre", u.Centre].Value,
                ScopeKind.Partner => l["Privacy.ScopePartner", u.Partner ?? "—"].Value,
                _ => l["Privacy.ScopeNone"].Value,
            };
            return new PermissionRow(u.DisplayName, u.Email, u.IsActive, roles, where,
                permissions.Contains(Infrastructure.Auth.Permissions.MigrantsReadSensitive),
                permissions.Contains(Infrastructure.Auth.Permissions.MigrantsRead), permissions.Contains(Infrastructure.Auth.Permissions.PrivacyManage),
                u.LastOpened);
        }).ToList();
        return View("~/Features/Privacy/Permissions.cshtml", new PermissionReportViewModel(page, pages, total, rows));
    }

    private async Task<EraseViewModel?> ErasableAsync(int id, CancellationToken ct) =>
        await db.PrivacyRequests.AsNoTracking()
            .Where(r => r.Id == id && (r.Kind == PrivacyRequestKind.Erasure || r.Kind == PrivacyRequestKind.Objection) && r.Status != PrivacyRequestStatus.Done
                && r.Status != PrivacyRequestStatus.Refused)
            .Select(r => new EraseViewModel(r.Id, r.MigrantId, r.Migrant!.FileNumber, r.Migrant.FamilyName + " " + r.Migrant.GivenName, r.Kind, r.ReceivedOn))
            .SingleOrDefaultAsync(ct);
}

public sealed record PrivacyRequestRow(int Id, int MigrantId, string FileNumber, PrivacyRequestKind Kind, DateOnly ReceivedOn, DateOnly DueOn,
    PrivacyRequestStatus Status, DateOnly? ClosedOn)
{
    public bool IsOpen => Status is PrivacyRequestStatus.Received or PrivacyRequestStatus.InProgress;
}

public sealed record PrivacyRegisterViewModel(DateOnly Today, bool OpenOnly, int Page, int PageCount, int Total, int Overdue, IReadOnlyList<PrivacyRequestRow> Rows);

public sealed record EraseViewModel(int RequestId, int MigrantId, string FileNumber, string Name, PrivacyRequestKind Kind, DateOnly ReceivedOn);

public sealed record PermissionRow(string DisplayName, string? Email, bool IsActive, IReadOnlyList<string> Roles, string Where,
    bool SeesSensitive, bool SeesPersons, bool ManagesPrivacy, DateTimeOffset? LastOpenedFile);

public sealed record PermissionReportViewModel(int Page, int PageCount, int Total, IReadOnlyList<PermissionRow> Rows);
