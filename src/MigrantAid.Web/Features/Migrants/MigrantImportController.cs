using System.Text;
using MigrantAid.Web.Data;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Tabular;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>/Migrants/Import: template → upload → row-by-row preview (paged) → confirm (all or nothing, once).</summary>
[Authorize(Permissions.MigrantsWrite)]
[Route("Migrants/Import")]
public sealed class MigrantImportController(MigrantImport import, ImportProgress progress, CurrentUser user, AppDbContext db,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const string View_ = "~/Features/Migrants/Import.cshtml";

    [HttpGet("")]
    public IActionResult Index(bool tooLarge = false)
    {
        if (tooLarge)
        {
            ModelState.AddModelError("file", l["Import.TooBig", MigrantImport.MaxFileBytes / 1024 / 1024]);
        }
        return View(View_, null);
    }

    [HttpPost(""), UploadLimit(MigrantImport.MaxFileBytes, "~/Migrants/Import?tooLarge=true")]
    public async Task<IActionResult> Upload(IFormFile? file, string? progressId, CancellationToken ct)
    {
        var token = file is null ? null : await import.StoreAsync(file, ct);
        if (token is not { } id)
        {
            ModelState.AddModelError("file", l["Import.ChooseFile"]);
            return View(View_, null);
        }
        var report = await import.PreviewAsync(id, ct, await progress.ForAsync(user.Id, progressId, ct));
        return View(View_, report);
    }

    /// <summary>Another page of the report of a checked file.</summary>
    [HttpGet("{token}")]
    public async Task<IActionResult> Report(string token, int page, CancellationToken ct)
    {
        // Not a route constraint: the permission is checked (403) before an unknown token answers 404.
        if (!Guid.TryParse(token, out var id) || await import.StoredReportAsync(id, ct) is not { } report)
        {
            return NotFound();
        }
        ViewData["Page"] = Math.Clamp(page, 1, report.Pages);
        return View(View_, report);
    }

    [HttpPost("Confirm")]
    public async Task<IActionResult> Confirm(Guid token, bool includeDuplicates, string? progressId, CancellationToken ct)
    {
        var (outcome, report, count) = await import.ConfirmAsync(token, includeDuplicates, ct, await progress.ForAsync(user.Id, progressId, ct));
        switch (outcome)
        {
            case ConfirmOutcome.Refused:
                if (report.Token is not null && report.FileErrors.Count == 0)
                {
                    // Files registered since the preview changed some rows: the user reviews the updated report.
                    ViewData["ImportNotice"] = l["Import.ChangedSinceCheck"].Value;
                }
                return View(View_, report);
            case ConfirmOutcome.AlreadyImported:
                TempData["Success"] = l["Import.AlreadyDone", count].Value;
                break;
            default:
                TempData["Success"] = l["Import.Done", count].Value;
                break;
        }
        return Redirect("~/Migrants?sort=Recent");
    }

    /// <summary>The file to fill in: headers in the user's language, an example row, drop-down lists of accepted values (XLSX).</summary>
    [HttpGet("Template")]
    public async Task<IActionResult> Template(string? format, string? separator, CancellationToken ct)
    {
        var sensitive = MigrantAccess.MaySeeSensitive(user);
        var table = await MigrantTable.LoadAsync(db, l, ct);
        var columns = table.Columns(sensitive, fileNumber: false).Concat(MigrantTable.ConsentColumns).ToList();
        var headers = columns.Select(table.Header).ToList();
        string?[] example = [.. table.Example(sensitive, user.RegionId), .. table.ConsentExample()];
        if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            var lists = table.Choices(sensitive)
                .Select(c => new TemplateList(columns.IndexOf(c.Column), c.Values, Strict: c.Column != nameof(MigrantForm.Vulnerabilities)))
                .Where(c => c.Column >= 0).ToList();
            var bytes = XlsxTemplate.Build(l["Import.TemplateSheet"], headers, example, l["Import.ListsSheet"], lists);
            return File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "modele-import-dossiers.xlsx");
        }
        using var body = new MemoryStream();
        await using (var writer = CsvTableWriter.Create(body, headers, CsvTableWriter.Separator(separator)))
        {
            await writer.WriteRowAsync(example, ct);
            await writer.CompleteAsync(ct);
        }
        return File(body.ToArray(), "text/csv; charset=utf-8", "modele-import-dossiers.csv");
    }

    /// <summary>How far the check of the user's upload has gone (polled by the page while it waits; any app instance answers).</summary>
    [HttpGet("Progress/{id}")]
    public async Task<IActionResult> Progress(string id, CancellationToken ct) =>
        await progress.GetAsync(user.Id, id, ct) is { } p ? Json(new { done = p.Done, total = p.Total }) : NotFound();
}
