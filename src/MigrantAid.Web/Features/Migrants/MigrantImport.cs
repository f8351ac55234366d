using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Tabular;

namespace MigrantAid.Web.Features.Migrants;

public enum ImportRowStatus { Create, Duplicate, Error }

public sealed record ImportRowReport(int Line, string Name, ImportRowStatus Status, IReadOnlyList<string> Messages);

/// <summary>
/// What the check of a file found: the counts of all rows, and the rows worth showing (every
/// problem row up to <see cref="KeptProblemRows"/>, the first rows to create), shown page by page.
/// </summary>
public sealed record ImportReport(Guid? Token, string FileName, int Total, int ToCreate, int Duplicates, int Errors,
    IReadOnlyList<ImportRowReport> Rows, IReadOnlyList<string> FileErrors)
{
    public const int KeptProblemRows = 1000;
    public const int CreatedRowsShown = 100;
    public const int PageSize = 100;

    public bool CanConfirm => Token is not null && FileErrors.Count == 0 && Errors == 0 && Total > 0;
    public int ProblemRowsLeftOut => Math.Max(0, Errors + Duplicates - Rows.Count(r => r.Status != ImportRowStatus.Create));
    public int Pages => Math.Max(1, (Rows.Count + PageSize - 1) / PageSize);
    public IEnumerable<ImportRowReport> Page(int page) => Rows.Skip((Math.Clamp(page, 1, Pages) - 1) * PageSize).Take(PageSize);

    public static ImportReport Refused(Guid? token, string fileName, string message) => new(token, fileName, 0, 0, 0, 0, [], [message]);
}

public enum ConfirmOutcome { Imported, AlreadyImported, Refused }

/// <summary>
/// Import of migrant files from CSV or XLSX (read by the shared <see cref="TabularReader"/>),
/// with the headers and values of <see cref="MigrantTable"/> in any of the three languages.
/// Every row goes through the form's validator and the registry's duplicate and document
/// checks; nothing is written until the user confirms, and then all rows or none, once.
/// </summary>
public sealed class MigrantImport(AppDbContext db, IValidator<MigrantForm> validator, MigrantRegistry registry, CurrentUser user,
    TimeProvider clock, IStringLocalizer<SharedResource> l, IOptions<TabularLimits> options)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const string Kind = "Migrants";
    private TabularLimits Limits => options.Value;

    /// <summary>Keeps the uploaded file until the user confirms (in the database: any app instance may confirm it).</summary>
    public async Task<Guid?> StoreAsync(IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!TabularReader.IsSupported(file.FileName) || file.Length == 0 || file.Length > MaxFileBytes || user.Id is null)
        {
            return null;
        }
        // Files uploaded but never confirmed hold personal data: gone after a day.
        var stale = clock.GetUtcNow().AddDays(-1);
        await db.ImportBatches.Where(b => b.CreatedAt < stale).ExecuteDeleteAsync(ct);
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        var name = Path.GetFileName(file.FileName);
        var batch = new ImportBatch
        {
            Id = Guid.NewGuid(), UserId = user.Id, Kind = Kind, FileName = name[..Math.Min(name.Length, ImportBatch.FileNameMaxLength)],
            Content = content.ToArray(), Status = ImportBatchStatus.Checked, CreatedAt = clock.GetUtcNow(),
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        db.Entry(batch).State = EntityState.Detached;
        return batch.Id;
    }

    private Task<ImportBatch?> BatchAsync(Guid token, CancellationToken ct) =>
        db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == token && b.UserId == user.Id && b.Kind == Kind, ct);

    /// <summary>The stored report of a checked file (the preview again, another page of it).</summary>
    public async Task<ImportReport?> StoredReportAsync(Guid token, CancellationToken ct)
    {
        var report = await db.ImportBatches.AsNoTracking().Where(b => b.Id == token && b.UserId == user.Id && b.Kind == Kind
            && b.Status == ImportBatchStatus.Checked).Select(b => b.Report).SingleOrDefaultAsync(ct);
        return report is null ? null : JsonSerializer.Deserialize<ImportReport>(report);
    }

    /// <summary>Checks the file of the preview, and keeps its report for paging.</summary>
    public async Task<ImportReport> PreviewAsync(Guid token, CancellationToken ct, IProgress<(int Done, int Total)>? progress = null)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(Limits.PreviewSeconds));
        ImportReport report;
        try
        {
            (report, _) = await AnalyseAsync(token, includeDuplicates: false, budget.Token, progress);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ImportReport.Refused(null, "", l["Import.TooSlow", Limits.PreviewSeconds]);
        }
        if (report.Token is { } id)
        {
            var json = JsonSerializer.Serialize(report);
            await db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Report, json), ct);
        }
        return report;
    }

    /// <summary>
    /// Checks the file again (the registry may have changed since the preview) and imports it
    /// all or nothing. The batch's status changes from checked to imported in the same
    /// transaction as the rows, so of several confirmations of one file only one imports.
    /// </summary>
    public async Task<(ConfirmOutcome Outcome, ImportReport Report, int Count)> ConfirmAsync(Guid token, bool includeDuplicates, CancellationToken ct,
        IProgress<(int Done, int Total)>? progress = null)
    {
        if (await BatchAsync(token, ct) is { Status: ImportBatchStatus.Imported } done)
        {
            return (ConfirmOutcome.AlreadyImported, ImportReport.Refused(null, done.FileName, ""), done.ImportedCount);
        }
        var (report, valid) = await AnalyseAsync(token, includeDuplicates, ct, progress);
        if (!report.CanConfirm || valid.Count == 0)
        {
            // Another confirmation of the same file may have imported it meanwhile.
            return await BatchAsync(token, ct) is { Status: ImportBatchStatus.Imported } imported
                ? (ConfirmOutcome.AlreadyImported, report, imported.ImportedCount)
                : (ConfirmOutcome.Refused, report, 0);
        }
        var userId = user.Id;
        var claimed = await registry.CreateManyAsync(valid, ct, claim: async c =>
            await db.ImportBatches.Where(b => b.Id == token && b.UserId == userId && b.Status == ImportBatchStatus.Checked)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportBatchStatus.Imported).SetProperty(b => b.ImportedCount, valid.Count)
                    .SetProperty(b => b.Content, Array.Empty<byte>()).SetProperty(b => b.Report, (string?)null), c) == 1);
        if (!claimed)
        {
            var count = await db.ImportBatches.Where(b => b.Id == token).Select(b => b.ImportedCount).SingleOrDefaultAsync(ct);
            return (ConfirmOutcome.AlreadyImported, report, count);
        }
        return (ConfirmOutcome.Imported, report, valid.Count);
    }

    public async Task DiscardAsync(Guid token, CancellationToken ct) =>
        await db.ImportBatches.Where(b => b.Id == token && b.UserId == user.Id && b.Status == ImportBatchStatus.Checked)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportBatchStatus.Discarded).SetProperty(b => b.Content, Array.Empty<byte>()), ct);

    /// <summary>Reads and checks every row; also returns the files ready to save.</summary>
    public async Task<(ImportReport Report, List<Migrant> Valid)> AnalyseAsync(Guid token, bool includeDuplicates, CancellationToken ct,
        IProgress<(int Done, int Total)>? progress = null)
    {
        if (await BatchAsync(token, ct) is not { Status: ImportBatchStatus.Checked } batch)
        {
            return (ImportReport.Refused(null, "", l["Import.FileExpired"]), []);
        }
        var fileName = batch.FileName;
        var table = await MigrantTable.LoadAsync(db, l, ct);
        var countries = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, StringComparer.OrdinalIgnoreCase, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var checkedRows = new List<(int Line, string Name, List<string> Messages, Migrant? M)>();
        try
        {
            var file = TabularReader.Open(batch.Content, fileName, Limits);
            var map = table.MapHeaders(file.Headers);
            var missing = new[] { nameof(MigrantForm.FamilyName), nameof(MigrantForm.GivenName), nameof(MigrantForm.Sex), nameof(MigrantForm.NationalityCode) }
                .Where(h => !map.ContainsKey(h)).Select(table.Header).ToList();
            if (file.Headers.Count == 0)
            {
                return (ImportReport.Refused(token, fileName, l["Import.Empty"]), []);
            }
            if (missing.Count > 0)
            {
                return (ImportReport.Refused(token, fileName, l["Import.MissingColumns", string.Join(", ", missing)]), []);
            }
            // The total is known only at the end of a streamed file: the content's size gives an estimate.
            var estimate = Math.Max(1, batch.Content.Length / 80);
            progress?.Report((0, estimate + Math.Max(1, estimate / 10)));
            foreach (var row in file.Rows)
            {
                ct.ThrowIfCancellationRequested();
                if (checkedRows.Count % 250 == 0 && checkedRows.Count > 0)
                {
                    estimate = Math.Max(estimate, checkedRows.Count + 1);
                    progress?.Report((checkedRows.Count, estimate + Math.Max(1, estimate / 10)));
                }
                checkedRows.Add(await CheckRowAsync(row, table, map, countries, today, ct));
            }
        }
        catch (TabularException e)
        {
            return (ImportReport.Refused(null, fileName, e.Problem switch
            {
                TabularProblem.TooManyRows => l["Import.TooManyRows", Limits.MaxRows],
                TabularProblem.TooLarge => l["Import.TooLarge"],
                TabularProblem.Undecodable => l["Import.Undecodable", e.Line],
                _ => l["Import.Unreadable"],
            }), []);
        }
        if (checkedRows.Count == 0)
        {
            return (ImportReport.Refused(token, fileName, l["Import.Empty"]), []);
        }
        var total = checkedRows.Count + Math.Max(1, checkedRows.Count / 10);
        progress?.Report((checkedRows.Count, total));
        var (reports, valid) = await AgainstRegistryAsync(checkedRows, includeDuplicates, ct);
        progress?.Report((total, total));
        var kept = reports.Where(r => r.Status != ImportRowStatus.Create).Take(ImportReport.KeptProblemRows)
            .Concat(reports.Where(r => r.Status == ImportRowStatus.Create).Take(ImportReport.CreatedRowsShown))
            .OrderBy(r => r.Line).ToList();
        return (new ImportReport(token, fileName, reports.Count, reports.Count(r => r.Status == ImportRowStatus.Create),
            reports.Count(r => r.Status == ImportRowStatus.Duplicate), reports.Count(r => r.Status == ImportRowStatus.Error), kept, []), valid);
    }

    /// <summary>One row on its own: parsed and validated like the form, one message per problem.</summary>
    private async Task<(int, string, List<string>, Migrant?)> CheckRowAsync(TabularRow row, MigrantTable table, Dictionary<string, int> map,
        Dictionary<string, int> countries, DateOnly today, CancellationToken ct)
    {
        var messages = new List<string>();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        var form = table.Parse(row, map, user.RegionId, messages, refused);
        var name = $"{form.FamilyName} {form.GivenName}".Trim();
        var result = await validator.ValidateAsync(form, ct);
        messages.AddRange(result.Errors.Where(e => !refused.Contains(e.PropertyName.Split('[')[0]))
            .Select(e => $"{table.Header(e.PropertyName.Split('[')[0])} : {e.ErrorMessage}").Distinct());
        Migrant? m = null;
        if (messages.Count == 0)
        {
            m = new Migrant { RegisteredById = user.Id };
            form.ApplyTo(m, countries[form.NationalityCode!.Trim()], user.Id, today);
        }
        return (row.Line, name, messages, m);
    }

    private static IEnumerable<string> StoredKeys(Migrant m)
    {
        yield return $"L|{m.FamilyNameKey}|{m.GivenNameKey}";
        if (m.FamilyNameArabicKey is { } fa && m.GivenNameArabicKey is { } ga)
        {
            yield return $"A|{fa}|{ga}";
        }
    }

    private static IEnumerable<string> NameKeys(Migrant m)
    {
        yield return $"L|{m.FamilyNameKey}|{m.GivenNameKey}";
        yield return $"L|{m.GivenNameKey}|{m.FamilyNameKey}";
        if (m.FamilyNameArabicKey is { } fa && m.GivenNameArabicKey is { } ga)
        {
            yield return $"A|{fa}|{ga}";
        }
    }

    /// <summary>The rows against the registry and the rest of the file, in batches, by hashed keys.</summary>
    private async Task<(List<ImportRowReport>, List<Migrant>)> AgainstRegistryAsync(List<(int Line, string Name, List<string> Messages, Migrant? M)> checkedRows,
        bool includeDuplicates, CancellationToken ct)
    {
        var news = checkedRows.Where(r => r.M is not null).Select(r => r.M!).ToList();
        var (takenCards, takenUnhcr) = await registry.TakenDocumentsAsync(
            news.Where(m => m.ResidenceCardNumber != null).Select(m => m.ResidenceCardNumber!).ToHashSet(),
            news.Where(m => m.UnhcrNumber != null).Select(m => m.UnhcrNumber!).ToHashSet(), ct);
        var candidates = await registry.FindDuplicatesAsync(news, ct);
        var reports = new List<ImportRowReport>(checkedRows.Count);
        var valid = new List<Migrant>();
        var cards = new Dictionary<string, int>(StringComparer.Ordinal);
        var unhcr = new Dictionary<string, int>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, List<(int Line, Migrant M)>>(StringComparer.Ordinal);
        foreach (var (line, name, messages, m) in checkedRows)
        {
            if (m is null)
            {
                reports.Add(new ImportRowReport(line, name, ImportRowStatus.Error, messages));
                continue;
            }
            if (m.ResidenceCardNumber is { } card && takenCards.TryGetValue(card, out var f1))
            {
                messages.Add(l["Migrants.ResidenceCardTaken", f1]);
            }
            if (m.UnhcrNumber is { } un && takenUnhcr.TryGetValue(un, out var f2))
            {
                messages.Add(l["Migrants.UnhcrNumberTaken", f2]);
            }
            if (m.ResidenceCardNumber is { } c2 && !cards.TryAdd(c2, line))
            {
                messages.Add(l["Import.SameDocumentAsLine", l["Migrants.Field.ResidenceCardNumber"], cards[c2]]);
            }
            if (m.UnhcrNumber is { } u && !unhcr.TryAdd(u, line))
            {
                messages.Add(l["Import.SameDocumentAsLine", l["Migrants.Field.UnhcrNumber"], unhcr[u]]);
            }
            if (messages.Count > 0)
            {
                reports.Add(new ImportRowReport(line, name, ImportRowStatus.Error, messages));
                continue;
            }
            // The same person earlier in the file: looked up by hashed name keys (either order, or
            // the Arabic names), then the rule's year and nationality among the few with those names.
            var inFile = NameKeys(m).SelectMany(k => byKey.TryGetValue(k, out var list) ? list : [])
                .FirstOrDefault(p => MigrantRegistry.SamePerson(p.M, m));
            foreach (var k in StoredKeys(m))
            {
                if (!byKey.TryGetValue(k, out var list))
                {
                    byKey[k] = list = [];
                }
                list.Add((line, m));
            }
            var found = candidates[m];
            if (found.Count > 0 || inFile.M is not null)
            {
                var about = found.Select(c => l["Import.MaybeFile", c.FileNumber, $"{c.FamilyName} {c.GivenName}"].Value).ToList();
                if (inFile.M is not null)
                {
                    about.Add(l["Import.MaybeLine", inFile.Line]);
                }
                reports.Add(new ImportRowReport(line, name, ImportRowStatus.Duplicate, about));
                if (includeDuplicates)
                {
                    m.ConfirmedNotDuplicateOf = string.Join(",", found.Select(c => c.FileNumber)) is { Length: > 0 } numbers
                        ? numbers[..Math.Min(numbers.Length, Migrant.DuplicateNoteMaxLength)] : null;
                    valid.Add(m);
                }
                continue;
            }
            reports.Add(new ImportRowReport(line, name, ImportRowStatus.Create, []));
            valid.Add(m);
        }
        return (reports, valid);
    }
}
