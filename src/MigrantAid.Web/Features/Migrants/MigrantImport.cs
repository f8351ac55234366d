using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
/// The preview streams the file in chunks: every row goes through the form's validator, the
/// registry's duplicate and document checks (by indexed keys, a chunk at a time) and the rest
/// of the file, and its analysis is stored row by row (<see cref="ImportRow"/>). The
/// confirmation reads that analysis instead of checking the file again: it re-checks only
/// against the files registered since the preview, then inserts in short batched
/// transactions. Nothing is written until the user confirms, and a file imports once.
/// </summary>
public sealed class MigrantImport(AppDbContext db, IValidator<MigrantForm> validator, MigrantRegistry registry, CurrentUser user,
    TimeProvider clock, IStringLocalizer<SharedResource> l, IOptions<TabularLimits> options, NationalitiesInUse nationalities,
    BulkFileWriter bulk, ILogger<MigrantImport> logger)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const string Kind = "Migrants";
    /// <summary>Rows checked against the registry per round of lookups, and stored per save.</summary>
    private const int CheckChunk = 500;
    /// <summary>Rows inserted per write transaction: short enough not to hold the write lock for long.</summary>
    private const int InsertChunk = 1000;
    /// <summary>
    /// Rows per write transaction on the bulk path (SQLite, prepared commands), at most: about a
    /// second of the write lock each (other writers wait well within the busy timeout), one
    /// chunk's files in memory at a time; a file of a few thousand rows still goes in several
    /// transactions (at least a tenth of the rows each), so the progress bar moves.
    /// </summary>
    private const int BulkInsertChunk = 5000;
    private TabularLimits Limits => options.Value;

    /// <summary>What the preview keeps of an importable row: the parsed form and the consents.</summary>
    public sealed record RowValues(MigrantForm Form, List<ImportConsent> Consents);

    /// <summary>Keeps the uploaded file until the user confirms (in the database: any app instance may confirm it).</summary>
    public async Task<Guid?> StoreAsync(IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!TabularReader.IsSupported(file.FileName) || file.Length == 0 || file.Length > MaxFileBytes || user.Id is null)
        {
            return null;
        }
        // Files uploaded but never confirmed hold personal data: gone after a day (their rows with them).
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

    /// <summary>Checks the file of the preview, and keeps its analysis (per row) and its report.</summary>
    public async Task<ImportReport> PreviewAsync(Guid token, CancellationToken ct, IProgress<(int Done, int Total)>? progress = null)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(Limits.PreviewSeconds));
        ImportReport report;
        try
        {
            // The duplicate lookups seek a dozen keys per row in the registry's indexes: a larger page cache keeps them in memory.
            await using var cache = BulkFileWriter.IsSupported(db) ? await bulk.LargeCacheAsync(ct) : null;
            report = await AnalyseAsync(token, budget.Token, progress);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            await db.ImportRows.Where(r => r.BatchId == token).ExecuteDeleteAsync(ct);
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
    /// Imports the rows the preview accepted (and its possible duplicates when the user includes
    /// them). The batch changes from checked to importing once (of several confirmations of one
    /// file only one imports); the rows are re-checked only against files registered since the
    /// preview (a change sends the user back to the updated report), then inserted in batches,
    /// each row marked imported in the same transaction as its file.
    /// </summary>
    public async Task<(ConfirmOutcome Outcome, ImportReport Report, int Count)> ConfirmAsync(Guid token, bool includeDuplicates, CancellationToken ct,
        IProgress<(int Done, int Total)>? progress = null)
    {
        var batch = await BatchAsync(token, ct);
        if (batch is { Status: ImportBatchStatus.Imported or ImportBatchStatus.Importing })
        {
            return (ConfirmOutcome.AlreadyImported, ImportReport.Refused(null, batch.FileName, ""), await ImportedCountAsync(batch.Id, ct));
        }
        if (batch is not { Status: ImportBatchStatus.Checked, Report: { } json } || JsonSerializer.Deserialize<ImportReport>(json) is not { } report)
        {
            return (ConfirmOutcome.Refused, ImportReport.Refused(null, "", l["Import.FileExpired"]), 0);
        }
        if (!report.CanConfirm)
        {
            return (ConfirmOutcome.Refused, report, 0);
        }
        var importable = includeDuplicates ? new[] { ImportRowOutcome.Create, ImportRowOutcome.Duplicate } : [ImportRowOutcome.Create];
        var total = await db.ImportRows.CountAsync(r => r.BatchId == token && importable.Contains(r.Outcome), ct);
        if (total == 0)
        {
            return (ConfirmOutcome.Refused, report, 0);
        }
        progress?.Report((0, total + total / 10 + 1));
        var confirmStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        if (await RecheckAsync(batch, report, ct) is { } changed)
        {
            return (ConfirmOutcome.Refused, changed, 0);
        }
        var recheck = System.Diagnostics.Stopwatch.GetElapsedTime(confirmStarted);
        var userId = user.Id;
        var claimed = await db.ImportBatches.Where(b => b.Id == token && b.UserId == userId && b.Status == ImportBatchStatus.Checked)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportBatchStatus.Importing), ct) == 1;
        if (!claimed)
        {
            return (ConfirmOutcome.AlreadyImported, report, await ImportedCountAsync(token, ct));
        }
        var countries = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, StringComparer.OrdinalIgnoreCase, ct);
        var today = Today;
        var done = 0;
        var seenNationalities = new HashSet<int>();
        var after = 0;
        var useBulk = BulkFileWriter.IsSupported(db);
        var chunkSize = useBulk ? Math.Clamp(total / 10, InsertChunk, BulkInsertChunk) : InsertChunk;
        await using var cache = useBulk ? await bulk.LargeCacheAsync(ct) : null;
        while (true)
        {
            var chunk = await NextRowsAsync(token, importable, after, chunkSize, r => new { r.Line, r.Values, r.DuplicateOf }, r => r.Line, ct);
            if (chunk.Count == 0)
            {
                break;
            }
            after = chunk[^1].Line;
            var migrants = new List<Migrant>(chunk.Count);
            var consents = new List<Consent>();
            foreach (var row in chunk)
            {
                var values = JsonSerializer.Deserialize<RowValues>(row.Values!)!;
                var m = new Migrant { RegisteredById = userId, ConfirmedNotDuplicateOf = row.DuplicateOf };
                values.Form.ApplyTo(m, countries[values.Form.NationalityCode!.Trim()], userId, today);
                migrants.Add(m);
                seenNationalities.Add(m.NationalityId);
                consents.AddRange(values.Consents.Select(c => new Consent
                {
                    Migrant = m, RegionId = m.RegionId, Purpose = c.Purpose, Method = c.Method, GivenOn = c.GivenOn, RecordedById = userId,
                }));
            }
            var (first, last) = (chunk[0].Line, chunk[^1].Line);
            // Runs inside each attempt's transaction (again after a rollback): marks the chunk's rows imported
            // (by their lines: the rows between them that are not imported are refused or left-out duplicates).
            async Task<bool> Claim(CancellationToken c) => await db.ImportRows
                .Where(r => r.BatchId == token && importable.Contains(r.Outcome) && r.Line >= first && r.Line <= last)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, ImportRowOutcome.Imported), c) == chunk.Count;
            if (useBulk)
            {
                await registry.InsertManyAsync(migrants, consents, bulk, ct, Claim);
            }
            else
            {
                await registry.CreateManyAsync(migrants, ct, claim: async c =>
                {
                    db.Consents.AddRange(consents);
                    return await Claim(c);
                });
            }
            db.ChangeTracker.Clear();
            done += chunk.Count;
            progress?.Report((done, total + total / 10 + 1));
        }
        await db.ImportBatches.Where(b => b.Id == token).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportBatchStatus.Imported)
            .SetProperty(b => b.ImportedCount, done).SetProperty(b => b.Content, Array.Empty<byte>()).SetProperty(b => b.Report, (string?)null), ct);
        // The rows hold personal data: the files are in the registry now.
        await db.ImportRows.Where(r => r.BatchId == token).ExecuteDeleteAsync(ct);
        logger.LogInformation("Import confirmed: {Rows} files in {TotalMs:F0} ms (re-check {RecheckMs:F0} ms, bulk path {Bulk})",
            done, System.Diagnostics.Stopwatch.GetElapsedTime(confirmStarted).TotalMilliseconds, recheck.TotalMilliseconds, useBulk);
        foreach (var id in seenNationalities)
        {
            nationalities.Saved(id);
        }
        progress?.Report((1, 1));
        return (ConfirmOutcome.Imported, report, done);
    }

    /// <summary>
    /// The next rows of a batch with these outcomes, in file order: one range of the index
    /// (BatchId, Outcome, Line) per outcome, merged here. (One query over both outcomes ordered by
    /// id sorted every remaining row of the file for each chunk.)
    /// </summary>
    private async Task<List<T>> NextRowsAsync<T>(Guid batch, ImportRowOutcome[] outcomes, int afterLine, int take,
        System.Linq.Expressions.Expression<Func<ImportRow, T>> select, Func<T, int> line, CancellationToken ct)
    {
        var rows = new List<T>();
        foreach (var outcome in outcomes)
        {
            rows.AddRange(await db.ImportRows.AsNoTracking().Where(r => r.BatchId == batch && r.Outcome == outcome && r.Line > afterLine)
                .OrderBy(r => r.Line).Take(take).Select(select).ToListAsync(ct));
        }
        return outcomes.Length == 1 ? rows : rows.OrderBy(line).Take(take).ToList();
    }

    private async Task<int> ImportedCountAsync(Guid token, CancellationToken ct)
    {
        var count = await db.ImportBatches.Where(b => b.Id == token).Select(b => b.ImportedCount).SingleOrDefaultAsync(ct);
        return count > 0 ? count : await db.ImportRows.CountAsync(r => r.BatchId == token && r.Outcome == ImportRowOutcome.Imported, ct);
    }

    public async Task DiscardAsync(Guid token, CancellationToken ct)
    {
        await db.ImportBatches.Where(b => b.Id == token && b.UserId == user.Id && b.Status == ImportBatchStatus.Checked)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportBatchStatus.Discarded).SetProperty(b => b.Content, Array.Empty<byte>()), ct);
        await db.ImportRows.Where(r => r.BatchId == token).ExecuteDeleteAsync(ct);
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    /// <summary>The rows as checked by the preview, against files registered since (by key, a chunk at a time).</summary>
    private async Task<ImportReport?> RecheckAsync(ImportBatch batch, ImportReport report, CancellationToken ct)
    {
        var since = batch.CheckedUpToMigrantId;
        if (!await db.Migrants.AnyAsync(x => x.Id > since, ct))
        {
            return null;
        }
        var countries = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, StringComparer.OrdinalIgnoreCase, ct);
        var today = Today;
        var changedRows = new List<ImportRowReport>();
        var after = 0;
        while (true)
        {
            var chunk = await NextRowsAsync(batch.Id, [ImportRowOutcome.Create, ImportRowOutcome.Duplicate], after, CheckChunk, r => r, r => r.Line, ct);
            if (chunk.Count == 0)
            {
                break;
            }
            after = chunk[^1].Line;
            var migrants = chunk.ToDictionary(r => r, r =>
            {
                var form = JsonSerializer.Deserialize<RowValues>(r.Values!)!.Form;
                var m = new Migrant();
                form.ApplyTo(m, countries[form.NationalityCode!.Trim()], user.Id, today);
                return m;
            });
            var found = await registry.FindDuplicatesAsync(migrants.Values.ToList(), ct, afterId: since);
            var (cards, unhcr) = await registry.TakenDocumentsAsync(
                migrants.Values.Where(m => m.ResidenceCardNumber != null).Select(m => m.ResidenceCardNumber!).ToHashSet(),
                migrants.Values.Where(m => m.UnhcrNumber != null).Select(m => m.UnhcrNumber!).ToHashSet(), ct);
            foreach (var (row, m) in migrants)
            {
                var messages = new List<string>();
                if (m.ResidenceCardNumber is { } card && cards.TryGetValue(card, out var f1)) messages.Add(l["Migrants.ResidenceCardTaken", f1]);
                if (m.UnhcrNumber is { } un && unhcr.TryGetValue(un, out var f2)) messages.Add(l["Migrants.UnhcrNumberTaken", f2]);
                var candidates = found[m];
                if (messages.Count == 0 && candidates.Count == 0)
                {
                    continue;
                }
                var outcome = messages.Count > 0 ? ImportRowOutcome.Error : ImportRowOutcome.Duplicate;
                messages.AddRange(candidates.Select(c => l["Import.MaybeFile", c.FileNumber, $"{c.FamilyName} {c.GivenName}"].Value));
                var numbers = string.Join(",", new[] { row.DuplicateOf }.Concat(candidates.Select(c => c.FileNumber)).Where(n => !string.IsNullOrEmpty(n)));
                var duplicateOf = numbers.Length == 0 ? null : numbers[..Math.Min(numbers.Length, Migrant.DuplicateNoteMaxLength)];
                var allMessages = JsonSerializer.Serialize((row.Messages is null ? [] : JsonSerializer.Deserialize<List<string>>(row.Messages)!).Concat(messages).ToList());
                await db.ImportRows.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, outcome)
                    .SetProperty(r => r.Messages, allMessages).SetProperty(r => r.DuplicateOf, duplicateOf), ct);
                changedRows.Add(new ImportRowReport(row.Line, row.Name, outcome == ImportRowOutcome.Error ? ImportRowStatus.Error : ImportRowStatus.Duplicate,
                    JsonSerializer.Deserialize<List<string>>(allMessages)!));
            }
        }
        var upTo = await db.Migrants.MaxAsync(x => (int?)x.Id, ct) ?? since;
        if (changedRows.Count == 0)
        {
            await db.ImportBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.CheckedUpToMigrantId, upTo), ct);
            return null;
        }
        var lines = changedRows.Select(r => r.Line).ToHashSet();
        var rows = report.Rows.Where(r => !lines.Contains(r.Line)).Concat(changedRows).OrderBy(r => r.Line).ToList();
        // The counts from the rows themselves (the stored report keeps only the first rows).
        var counts = await db.ImportRows.Where(r => r.BatchId == batch.Id).GroupBy(r => r.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(ImportRowOutcome o) => counts.Where(c => c.Key == o).Sum(c => c.Count);
        var updated = report with { ToCreate = Count(ImportRowOutcome.Create), Duplicates = Count(ImportRowOutcome.Duplicate), Errors = Count(ImportRowOutcome.Error), Rows = rows };
        var storedJson = JsonSerializer.Serialize(updated);
        await db.ImportBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.CheckedUpToMigrantId, upTo)
            .SetProperty(b => b.Report, storedJson), ct);
        return updated;
    }

    private sealed class RowCheck(int line, string name, List<string> messages, MigrantForm? form, List<ImportConsent> consents, Migrant? migrant)
    {
        public int Line { get; } = line;
        public string Name { get; } = name;
        public List<string> Messages { get; } = messages;
        public MigrantForm? Form { get; } = form;
        public List<ImportConsent> Consents { get; } = consents;
        public Migrant? Migrant { get; } = migrant;
    }

    /// <summary>Reads and checks every row, a chunk at a time, and stores each row's analysis.</summary>
    private async Task<ImportReport> AnalyseAsync(Guid token, CancellationToken ct, IProgress<(int Done, int Total)>? progress)
    {
        if (await BatchAsync(token, ct) is not { Status: ImportBatchStatus.Checked } batch)
        {
            return ImportReport.Refused(null, "", l["Import.FileExpired"]);
        }
        var fileName = batch.FileName;
        await db.ImportRows.Where(r => r.BatchId == token).ExecuteDeleteAsync(ct);
        // Files registered after this are re-checked by the confirmation (see RecheckAsync).
        var upTo = await db.Migrants.MaxAsync(x => (int?)x.Id, ct) ?? 0;
        var table = await MigrantTable.LoadAsync(db, l, ct);
        var countries = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, StringComparer.OrdinalIgnoreCase, ct);
        var today = Today;
        var state = new FileState();
        try
        {
            var file = TabularReader.Open(batch.Content, fileName, Limits);
            var map = table.MapHeaders(file.Headers);
            var missing = new[] { nameof(MigrantForm.FamilyName), nameof(MigrantForm.GivenName), nameof(MigrantForm.Sex), nameof(MigrantForm.NationalityCode) }
                .Where(h => !map.ContainsKey(h)).Select(table.Header).ToList();
            if (file.Headers.Count == 0)
            {
                return ImportReport.Refused(token, fileName, l["Import.Empty"]);
            }
            if (missing.Count > 0)
            {
                return ImportReport.Refused(token, fileName, l["Import.MissingColumns", string.Join(", ", missing)]);
            }
            // The total is known only at the end of a streamed file: the content's size gives an estimate.
            var estimate = Math.Max(1, batch.Content.Length / 80);
            progress?.Report((0, estimate + Math.Max(1, estimate / 10)));
            var chunk = new List<RowCheck>(CheckChunk);
            var read = 0;
            foreach (var row in file.Rows)
            {
                ct.ThrowIfCancellationRequested();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                chunk.Add(await CheckRowAsync(row, table, map, countries, today, ct));
                state.Parse += System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (++read % 100 == 0)
                {
                    estimate = Math.Max(estimate, read + 1);
                    progress?.Report((read, estimate + Math.Max(1, estimate / 10)));
                }
                if (chunk.Count == CheckChunk)
                {
                    await AgainstRegistryAsync(token, chunk, state, ct);
                    chunk.Clear();
                }
            }
            await AgainstRegistryAsync(token, chunk, state, ct);
        }
        catch (TabularException e)
        {
            db.ChangeTracker.Clear();
            await db.ImportRows.Where(r => r.BatchId == token).ExecuteDeleteAsync(CancellationToken.None);
            return ImportReport.Refused(null, fileName, e.Problem switch
            {
                TabularProblem.TooManyRows => l["Import.TooManyRows", Limits.MaxRows],
                TabularProblem.TooLarge => l["Import.TooLarge"],
                TabularProblem.Undecodable => l["Import.Undecodable", e.Line],
                _ => l["Import.Unreadable"],
            });
        }
        if (state.Total == 0)
        {
            return ImportReport.Refused(token, fileName, l["Import.Empty"]);
        }
        await db.ImportBatches.Where(b => b.Id == token).ExecuteUpdateAsync(s => s.SetProperty(b => b.CheckedUpToMigrantId, upTo), ct);
        // Counts and times only (never a name): where a slow preview spends its time.
        logger.LogInformation("Import preview: {Rows} rows, parse and validate {ParseMs:F0} ms, registry lookups {LookupMs:F0} ms, analysis stored {StoreMs:F0} ms",
            state.Total, state.Parse.TotalMilliseconds, state.Lookups.TotalMilliseconds, state.Store.TotalMilliseconds);
        var done = state.Total + Math.Max(1, state.Total / 10);
        progress?.Report((done, done));
        var kept = state.Problems.Concat(state.Created).OrderBy(r => r.Line).ToList();
        return new ImportReport(token, fileName, state.Total, state.ToCreate, state.Duplicates, state.Errors, kept, []);
    }

    /// <summary>What the check of a file keeps from chunk to chunk: counts, the rows shown, and the keys of the rows seen (for duplicates within the file).</summary>
    private sealed class FileState
    {
        public int Total;
        public int ToCreate;
        public int Duplicates;
        public int Errors;
        public TimeSpan Parse;
        public TimeSpan Lookups;
        public TimeSpan Store;
        public List<ImportRowReport> Problems { get; } = [];
        public List<ImportRowReport> Created { get; } = [];
        public Dictionary<string, int> Cards { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Unhcr { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string Key, int Nationality), List<(int Line, int? Year)>> Names { get; } = [];

        public void Keep(ImportRowReport report)
        {
            if (report.Status == ImportRowStatus.Create)
            {
                ToCreate++;
                if (Created.Count < ImportReport.CreatedRowsShown) Created.Add(report);
            }
            else
            {
                if (report.Status == ImportRowStatus.Duplicate) Duplicates++; else Errors++;
                if (Problems.Count < ImportReport.KeptProblemRows) Problems.Add(report);
            }
        }
    }

    /// <summary>One row on its own: parsed and validated like the form, one message per problem.</summary>
    private async Task<RowCheck> CheckRowAsync(TabularRow row, MigrantTable table, Dictionary<string, int> map,
        Dictionary<string, int> countries, DateOnly today, CancellationToken ct)
    {
        var messages = new List<string>();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        var form = table.Parse(row, map, user.RegionId, messages, refused);
        var consents = table.ParseConsents(row, map, form.ConsentGiven, today, messages);
        var name = $"{form.FamilyName} {form.GivenName}".Trim();
        if (name.Length > ImportRow.NameMaxLength) name = name[..ImportRow.NameMaxLength];
        var result = await validator.ValidateAsync(form, ct);
        messages.AddRange(result.Errors.Where(e => !refused.Contains(e.PropertyName.Split('[')[0]))
            .Select(e => $"{table.Header(e.PropertyName.Split('[')[0])} : {e.ErrorMessage}").Distinct());
        Migrant? m = null;
        if (messages.Count == 0)
        {
            m = new Migrant { RegisteredById = user.Id };
            form.ApplyTo(m, countries[form.NationalityCode!.Trim()], user.Id, today);
        }
        return new RowCheck(row.Line, name, messages, m is null ? null : form, consents, m);
    }

    /// <summary>The keys of a row's names for duplicates within the file: stored ones, and the ones to look up.</summary>
    private static IEnumerable<string> StoredKeys(Migrant m)
    {
        yield return $"L|{m.FamilyNameKey}|{m.GivenNameKey}";
        if (m.FamilyNameArabicKey is { } fa && m.GivenNameArabicKey is { } ga) yield return $"A|{fa}|{ga}";
        if (m.NameSkeletonKey is { } s1) yield return "S|" + s1;
        if (m.ArabicNameSkeletonKey is { } s2) yield return "S|" + s2;
    }

    private static IEnumerable<string> LookupKeys(Migrant m)
    {
        yield return $"L|{m.FamilyNameKey}|{m.GivenNameKey}";
        yield return $"L|{m.GivenNameKey}|{m.FamilyNameKey}";
        if (m.FamilyNameArabicKey is { } fa && m.GivenNameArabicKey is { } ga) yield return $"A|{fa}|{ga}";
        foreach (var k in MigrantRegistry.CrossScriptKeys(m)) yield return "S|" + k;
    }

    /// <summary>Stores a chunk's analysis: prepared inserts in one transaction on SQLite, the change tracker elsewhere.</summary>
    private async Task StoreRowsAsync(List<ImportRow> rows, CancellationToken ct)
    {
        if (!BulkFileWriter.IsSupported(db))
        {
            db.ImportRows.AddRange(rows);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var t = transaction.GetDbTransaction();
        using (var table = new BulkTable(db, typeof(ImportRow), t.Connection!, t))
        {
            foreach (var row in rows)
            {
                await table.InsertAsync(row, ct);
            }
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>A chunk of rows against the registry (by keys, in batches) and the rows before it; the analysis stored.</summary>
    private async Task AgainstRegistryAsync(Guid token, List<RowCheck> chunk, FileState state, CancellationToken ct)
    {
        if (chunk.Count == 0)
        {
            return;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var news = chunk.Where(r => r.Migrant is not null).Select(r => r.Migrant!).ToList();
        var (takenCards, takenUnhcr) = await registry.TakenDocumentsAsync(
            news.Where(m => m.ResidenceCardNumber != null).Select(m => m.ResidenceCardNumber!).ToHashSet(),
            news.Where(m => m.UnhcrNumber != null).Select(m => m.UnhcrNumber!).ToHashSet(), ct);
        var candidates = await registry.FindDuplicatesAsync(news, ct);
        state.Lookups += System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var rows = new List<ImportRow>(chunk.Count);
        foreach (var r in chunk)
        {
            state.Total++;
            var messages = r.Messages;
            if (r.Migrant is not { } m)
            {
                Store(r, ImportRowStatus.Error, messages, null);
                continue;
            }
            if (m.ResidenceCardNumber is { } card && takenCards.TryGetValue(card, out var f1)) messages.Add(l["Migrants.ResidenceCardTaken", f1]);
            if (m.UnhcrNumber is { } un && takenUnhcr.TryGetValue(un, out var f2)) messages.Add(l["Migrants.UnhcrNumberTaken", f2]);
            if (m.ResidenceCardNumber is { } c2 && !state.Cards.TryAdd(c2, r.Line))
            {
                messages.Add(l["Import.SameDocumentAsLine", l["Migrants.Field.ResidenceCardNumber"], state.Cards[c2]]);
            }
            if (m.UnhcrNumber is { } u && !state.Unhcr.TryAdd(u, r.Line))
            {
                messages.Add(l["Import.SameDocumentAsLine", l["Migrants.Field.UnhcrNumber"], state.Unhcr[u]]);
            }
            if (messages.Count > 0)
            {
                Store(r, ImportRowStatus.Error, messages, null);
                continue;
            }
            // The same person earlier in the file: looked up by name keys (either order, the Arabic
            // names, the other script), then the rule's year among the few with those names.
            int? inFile = null;
            if (m.BirthYear is { } year)
            {
                inFile = LookupKeys(m).SelectMany(k => state.Names.TryGetValue((k, m.NationalityId), out var list) ? list : [])
                    .Where(p => p.Year is { } y && Math.Abs(y - year) <= 1).Select(p => (int?)p.Line).FirstOrDefault();
            }
            foreach (var k in StoredKeys(m))
            {
                if (!state.Names.TryGetValue((k, m.NationalityId), out var list))
                {
                    state.Names[(k, m.NationalityId)] = list = [];
                }
                list.Add((r.Line, m.BirthYear));
            }
            var found = candidates[m];
            if (found.Count > 0 || inFile is not null)
            {
                var about = found.Select(c => l["Import.MaybeFile", c.FileNumber, $"{c.FamilyName} {c.GivenName}"].Value).ToList();
                if (inFile is { } line)
                {
                    about.Add(l["Import.MaybeLine", line]);
                }
                var numbers = string.Join(",", found.Select(c => c.FileNumber));
                Store(r, ImportRowStatus.Duplicate, about, numbers.Length == 0 ? null : numbers[..Math.Min(numbers.Length, Migrant.DuplicateNoteMaxLength)]);
                continue;
            }
            Store(r, ImportRowStatus.Create, [], null);
        }
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        await StoreRowsAsync(rows, ct);
        state.Store += System.Diagnostics.Stopwatch.GetElapsedTime(started);

        void Store(RowCheck r, ImportRowStatus status, List<string> messages, string? duplicateOf)
        {
            state.Keep(new ImportRowReport(r.Line, r.Name, status, messages));
            rows.Add(new ImportRow
            {
                BatchId = token, Line = r.Line, Name = r.Name, DuplicateOf = duplicateOf,
                Outcome = status switch { ImportRowStatus.Create => ImportRowOutcome.Create, ImportRowStatus.Duplicate => ImportRowOutcome.Duplicate, _ => ImportRowOutcome.Error },
                Messages = messages.Count == 0 ? null : JsonSerializer.Serialize(messages),
                Values = status == ImportRowStatus.Error ? null : JsonSerializer.Serialize(new RowValues(r.Form!, r.Consents)),
            });
        }
    }
}
