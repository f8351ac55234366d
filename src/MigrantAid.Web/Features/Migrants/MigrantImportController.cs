using MigrantAid.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>/Migrants/Import: upload → row-by-row preview → confirm (all or nothing).</summary>
[Authorize(Permissions.MigrantsWrite)]
[Route("Migrants/Import")]
public sealed class MigrantImportController(MigrantImport import, MigrantRegistry registry, ImportProgress progress,
    Infrastructure.Auth.CurrentUser user, IStringLocalizer<SharedResource> l) : Controller
{
    private const string View_ = "~/Features/Migrants/Import.cshtml";

    [HttpGet("")]
    public IActionResult Index() => View(View_, null);

    [HttpPost(""), RequestSizeLimit(MigrantImport.MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> Upload(IFormFile? file, string? progressId, CancellationToken ct)
    {
        var token = file is null ? null : await import.StoreAsync(file, ct);
        if (token is null)
        {
            ModelState.AddModelError("file", l["Import.ChooseFile"]);
            return View(View_, null);
        }
        var (report, _) = await import.AnalyseAsync(token, Path.GetFileName(file!.FileName), includeDuplicates: false, ct, progress.For(user.Id, progressId));
        return View(View_, report);
    }

    [HttpPost("Confirm")]
    public async Task<IActionResult> Confirm(string token, string fileName, bool includeDuplicates, string? progressId, CancellationToken ct)
    {
        // Checked again at confirmation: the registry may have changed since the preview.
        var (report, valid) = await import.AnalyseAsync(token, fileName, includeDuplicates, ct, progress.For(user.Id, progressId));
        if (!report.CanConfirm || valid.Count == 0)
        {
            return View(View_, report);
        }
        await registry.CreateManyAsync(valid, ct);
        import.Discard(token);
        TempData["Success"] = l["Import.Done", valid.Count].Value;
        return Redirect("~/Migrants?sort=Recent");
    }

    /// <summary>How far the check of the user's upload has gone (polled by the page while it waits).</summary>
    [HttpGet("Progress/{id}")]
    public IActionResult Progress(string id) =>
        progress.Get(user.Id, id) is { } p ? Json(new { done = p.Done, total = p.Total }) : NotFound();
}
