using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Migrants;

[Authorize(Permissions.MigrantsRead)]
public sealed class MigrantsController(
    AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l, ReferenceCache reference) : Controller
{
    public const int PageSize = 25;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task<IActionResult> Index([FromQuery] MigrantSearch search, CancellationToken ct)
    {
        var sensitive = MigrantAccess.MaySeeSensitive(user);
        if (!sensitive)
        {
            // Ignored by the search anyway; cleared so that links and the form do not carry it on.
            search.Status = null;
        }
        await search.PlanAsync(db, user.Scope, ct);
        var (query, page) = await search.PageAsync(db, user.Scope, Today.Year, sensitive, PageSize, ct);
        var language = Cultures.Current;
        var ids = page.Ids;
        // The result count, bounded: a list without a query never counts the whole registry
        // (a first page reads it with its ids; a later page counts the whole search).
        var count = page.Count ?? await MigrantResultCount.CountAsync(query, ct);
        var rows = await db.Migrants.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new MigrantRow(m.Id, m.FileNumber, m.FamilyName, m.GivenName, m.FamilyNameArabic, m.GivenNameArabic,
                m.Sex, m.BirthYear, language == "ar" ? m.Nationality!.NameAr : language == "en" ? m.Nationality!.NameEn : m.Nationality!.NameFr,
                language == "ar" ? m.Region!.NameAr : language == "en" ? m.Region!.NameEn : m.Region!.NameFr, m.City, m.AdministrativeStatus))
            .ToListAsync(ct);
        rows = ids.Select(id => rows.Single(r => r.Id == id)).ToList();
        return View(new MigrantListViewModel(search, rows, page.PreviousBefore, page.NextAfter,
            await MigrantOptions.LoadAsync(db, user, reference, ct, Nationalities), sensitive, MigrantAccess.MayEdit(user)) { Count = count });
    }

    /// <summary>The current search as CSV or XLSX, streamed; only the columns the user's role may see.</summary>
    public async Task<IActionResult> Export([FromQuery] MigrantSearch search, string? format, string? separator, [FromServices] AuditTrail auditTrail,
        CancellationToken ct)
    {
        var sensitive = MigrantAccess.MaySeeSensitive(user);
        var query = MigrantSearch.ForScope(search.Apply(db, Today.Year, sensitive), db, user.Scope);
        // Who took which list out of the system is part of the trail (the key is the search, not the people).
        db.AuditEntries.Add(auditTrail.Event(AuditAction.Viewed, "MigrantExport", Truncate($"{format ?? "csv"} {Request.QueryString}", 100)));
        await db.SaveChangesAsync(ct);
        var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"migrants-{clock.GetLocalNow():yyyyMMdd-HHmm}");
        var table = await MigrantTable.LoadAsync(db, l, ct);
        if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            var file = await MigrantExport.WriteXlsxAsync(query, table, sensitive, ct);
            return File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        }
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
        await MigrantExport.WriteCsvAsync(Response.Body, query, table, sensitive, Infrastructure.Tabular.CsvTableWriter.Separator(separator), ct);
        return new EmptyResult();
    }

    [Authorize(Permissions.MigrantsWrite)]
    public async Task<IActionResult> Create(CancellationToken ct)
    {
        var form = new MigrantForm { RegionId = user.RegionId, AdministrativeStatus = AdministrativeStatus.Unknown };
        return await FormView(form, ct);
    }

    [HttpPost, Authorize(Permissions.MigrantsWrite)]
    public async Task<IActionResult> Create(MigrantForm form, [FromServices] IValidator<MigrantForm> validator,
        [FromServices] MigrantRegistry registry, CancellationToken ct)
    {
        if (!await ValidateAsync(form, validator, ct))
        {
            return await FormView(form, ct);
        }
        var migrant = new Migrant { RegisteredById = user.Id };
        form.ApplyTo(migrant, await NationalityIdAsync(form, ct), user.Id, Today);
        if (!await CheckDocumentsAsync(registry, migrant, null, ct))
        {
            return await FormView(form, ct);
        }
        var candidates = await registry.FindDuplicatesAsync(migrant, null, ct);
        if (candidates.Count > 0)
        {
            if (!form.ConfirmNotDuplicate)
            {
                return await FormView(form, ct, candidates: candidates);
            }
            // The user saw these files and confirmed another person: recorded on the file (and so in its audit entry).
            migrant.ConfirmedNotDuplicateOf = Truncate(string.Join(",", candidates.Select(c => c.FileNumber)), Migrant.DuplicateNoteMaxLength);
        }
        if (migrant.ConsentGiven)
        {
            // The registration form's consent is the case-management purpose (Features/Privacy: consents per purpose).
            db.Consents.Add(new Consent
            {
                Migrant = migrant, RegionId = migrant.RegionId, Purpose = ConsentPurpose.CaseManagement, Method = ConsentMethod.SignedForm,
                GivenOn = Today, RecordedById = user.Id,
            });
        }
        try
        {
            await registry.CreateAsync(migrant, ct);
        }
        catch (DbUpdateException)
        {
            // Another registration saved the same document number meanwhile (the unique index
            // refused this one): the form says so, as the check above would have.
            db.ChangeTracker.Clear();
            if (!await CheckDocumentsAsync(registry, migrant, null, ct))
            {
                return await FormView(form, ct);
            }
            throw;
        }
        Nationalities.Saved(migrant.NationalityId);
        TempData["Success"] = l["Migrants.Created", migrant.FileNumber].Value;
        return RedirectToAction(nameof(Details), new { id = migrant.Id });
    }

    public async Task<IActionResult> Details(int id, [FromServices] IEnumerable<ITimelineSource> sources,
        [FromServices] AuditTrail auditTrail, CancellationToken ct)
    {
        var model = await MigrantDetailsLoader.LoadAsync(db, user, id, ct);
        if (model is null)
        {
            return await RedirectIfMergedAsync(id, nameof(Details), ct) ?? NotFound();
        }
        var timeline = new List<TimelineItem>();
        foreach (var source in sources)
        {
            timeline.AddRange(await source.GetAsync(id, ct));
        }
        await FileOpenings.RecordAsync(db, auditTrail, id, ct);
        return View(model with { Timeline = timeline.OrderByDescending(t => t.Date).ToList() });
    }

    /// <summary>
    /// A paper copy leaves the office: confidential note text is printed only when the user may
    /// read it and asks for it (includeConfidential); otherwise the note says its text is left out.
    /// </summary>
    public async Task<IActionResult> Print(int id, [FromServices] AuditTrail auditTrail, CancellationToken ct, bool includeConfidential = false)
    {
        var model = await MigrantDetailsLoader.LoadAsync(db, user, id, ct);
        if (model is null)
        {
            return NotFound();
        }
        await FileOpenings.RecordAsync(db, auditTrail, id, ct);
        var include = includeConfidential && model.MaySeeSensitive;
        ViewData["IncludeConfidential"] = include;
        return View(model with { CaseNotes = model.CaseNotes.Select(n => n.Confidential && !include ? n with { Text = "" } : n).ToList() });
    }

    [Authorize(Permissions.MigrantsWrite)]
    public async Task<IActionResult> Edit(int id, [FromServices] AuditTrail auditTrail, CancellationToken ct)
    {
        var m = await db.Migrants.AsNoTracking().Include(x => x.Nationality).SingleOrDefaultAsync(x => x.Id == id && x.MergedIntoId == null, ct);
        if (m is null)
        {
            return NotFound();
        }
        // The edit form shows the whole file, sensitive fields included: an opening like Details.
        await FileOpenings.RecordAsync(db, auditTrail, id, ct);
        return await FormView(MigrantForm.From(m, m.Nationality!.Code), ct, id, m.FileNumber);
    }

    [HttpPost, Authorize(Permissions.MigrantsWrite)]
    public async Task<IActionResult> Edit(int id, MigrantForm form, [FromServices] IValidator<MigrantForm> validator,
        [FromServices] MigrantRegistry registry, CancellationToken ct)
    {
        var m = await db.Migrants.Include(x => x.NameTokens).Include(x => x.Nationality).SingleOrDefaultAsync(x => x.Id == id && x.MergedIntoId == null, ct);
        if (m is null)
        {
            return NotFound();
        }
        if (m.Version != form.Version)
        {
            return await ConflictView(m, form, ct);
        }
        if (!await ValidateAsync(form, validator, ct))
        {
            return await FormView(form, ct, id, m.FileNumber);
        }
        form.ApplyTo(m, await NationalityIdAsync(form, ct), user.Id, Today);
        if (!await CheckDocumentsAsync(registry, m, id, ct))
        {
            return await FormView(form, ct, id, m.FileNumber);
        }
        // The version the user started from: if someone saved in between, the update matches no row.
        db.Entry(m).Property(x => x.Version).OriginalValue = form.Version;
        try
        {
            await db.SaveChangesAsync(ct);
            Nationalities.Saved(m.NationalityId);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Migrants.AsNoTracking().Include(x => x.Nationality).SingleOrDefaultAsync(x => x.Id == id, ct);
            return current is null ? NotFound() : await ConflictView(current, form, ct);
        }
        catch (DbUpdateException)
        {
            // A document number saved meanwhile on another file (unique index).
            db.ChangeTracker.Clear();
            if (!await CheckDocumentsAsync(registry, m, id, ct))
            {
                return await FormView(form, ct, id, m.FileNumber);
            }
            throw;
        }
        TempData["Success"] = l["Migrants.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>
    /// Someone saved the file since this user opened it: show, field by field, the saved value
    /// next to what this user typed, keep the user's input in the form, and take the new
    /// version so that saving again is a deliberate choice. Nothing is lost silently.
    /// </summary>
    private async Task<IActionResult> ConflictView(Migrant current, MigrantForm form, CancellationToken ct)
    {
        var saved = MigrantForm.From(current, current.Nationality!.Code);
        var differences = MigrantFormDiff.Compare(saved, form);
        ModelState.Remove(nameof(MigrantForm.Version));
        form.Version = current.Version;
        ModelState.AddModelError("", l["Migrants.ConcurrencyConflict"]);
        return await FormView(form, ct, current.Id, current.FileNumber, differences: differences);
    }

    private async Task<bool> ValidateAsync(MigrantForm form, IValidator<MigrantForm> validator, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(form, ct);
        result.AddTo(ModelState);
        return ModelState.IsValid;
    }

    private async Task<bool> CheckDocumentsAsync(MigrantRegistry registry, Migrant m, int? excludeId, CancellationToken ct)
    {
        var conflicts = await registry.FindDocumentConflictsAsync(m.ResidenceCardNumber, m.UnhcrNumber, excludeId, ct);
        foreach (var c in conflicts)
        {
            ModelState.AddModelError(c.Field, l[c.Field == nameof(MigrantForm.UnhcrNumber) ? "Migrants.UnhcrNumberTaken" : "Migrants.ResidenceCardTaken", c.FileNumber]);
        }
        return conflicts.Count == 0;
    }

    private Task<int> NationalityIdAsync(MigrantForm form, CancellationToken ct)
    {
        var code = form.NationalityCode!.Trim().ToUpperInvariant();
        return db.Countries.Where(c => c.Code == code).Select(c => c.Id).SingleAsync(ct);
    }

    private async Task<IActionResult?> RedirectIfMergedAsync(int id, string action, CancellationToken ct)
    {
        var into = await db.Migrants.AsNoTracking().Where(m => m.Id == id).Select(m => m.MergedIntoId).SingleOrDefaultAsync(ct);
        return into is { } kept ? RedirectToAction(action, new { id = kept }) : null;
    }

    private async Task<IActionResult> FormView(MigrantForm form, CancellationToken ct, int? id = null, string? fileNumber = null,
        IReadOnlyList<DuplicateCandidate>? candidates = null, IReadOnlyList<FieldDifference>? differences = null)
    {
        ViewData[nameof(MigrantFormPage)] = new MigrantFormPage(id, fileNumber, await MigrantOptions.LoadAsync(db, user, reference, ct, Nationalities),
            candidates ?? [], differences ?? [], MigrantAccess.MaySeeSensitive(user));
        return View("Form", form);
    }

    /// <summary>Resolved per use rather than injected: only the list and the form need it.</summary>
    private NationalitiesInUse Nationalities => HttpContext.RequestServices.GetRequiredService<NationalitiesInUse>();

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
