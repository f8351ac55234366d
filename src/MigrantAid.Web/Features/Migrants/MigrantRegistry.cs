using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

// EF Core translates string.Compare(a, b) to the SQL comparison operators (an index range
// scan); the overloads taking a StringComparison are not translatable.
#pragma warning disable CA1309

namespace MigrantAid.Web.Features.Migrants;

public sealed record DuplicateCandidate(int Id, string FileNumber, string FamilyName, string GivenName,
    string? FamilyNameArabic, string? GivenNameArabic, int? BirthYear, string? City);

public sealed record DocumentConflict(string Field, string FileNumber);

/// <summary>
/// The rules of registering a file that need the database: duplicate candidates, document
/// numbers that identify one person, and the file number sequence.
/// </summary>
public sealed class MigrantRegistry(AppDbContext db, TimeProvider clock)
{
    private const int MaxFileNumberAttempts = 8;

    /// <summary>
    /// Files that may be the same person: same name keys in Latin or Arabic script (also
    /// with family and given names swapped), same nationality, year of birth within one year.
    /// Only files the user may open are offered.
    /// </summary>
    public async Task<List<DuplicateCandidate>> FindDuplicatesAsync(Migrant m, int? excludeId, CancellationToken ct)
    {
        if (m.BirthYear is not { } year)
        {
            return [];
        }
        var fk = m.FamilyNameKey;
        var gk = m.GivenNameKey;
        var fa = m.FamilyNameArabicKey;
        var ga = m.GivenNameArabicKey;
        var query = db.Migrants.AsNoTracking()
            .Where(x => x.MergedIntoId == null && x.NationalityId == m.NationalityId
                && x.BirthYear >= year - 1 && x.BirthYear <= year + 1
                && ((x.FamilyNameKey == fk && x.GivenNameKey == gk)
                    || (x.FamilyNameKey == gk && x.GivenNameKey == fk)
                    || (fa != null && ga != null && x.FamilyNameArabicKey == fa && x.GivenNameArabicKey == ga)));
        if (excludeId is { } id)
        {
            query = query.Where(x => x.Id != id);
        }
        return await query.OrderBy(x => x.Id).Take(20)
            .Select(x => new DuplicateCandidate(x.Id, x.FileNumber, x.FamilyName, x.GivenName, x.FamilyNameArabic, x.GivenNameArabic, x.BirthYear, x.City))
            .ToListAsync(ct);
    }

    /// <summary>
    /// A residence card or UNHCR number identifies one person in the whole country, so this
    /// check ignores row scope (reviewed bypass): it reveals only the other file's number.
    /// </summary>
    public async Task<List<DocumentConflict>> FindDocumentConflictsAsync(string? residenceCard, string? unhcr, int? excludeId, CancellationToken ct)
    {
        var conflicts = new List<DocumentConflict>();
        // Merged stubs count too: the number is unique in the database (a merged file keeps it).
        // Scope bypass: a document number is unique nationally; only the conflict (file number) is shown.
        var all = db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(x => x.Id != (excludeId ?? 0));
        if (residenceCard is not null
            && await all.Where(x => x.ResidenceCardNumber == residenceCard).Select(x => x.FileNumber).FirstOrDefaultAsync(ct) is { } f1)
        {
            conflicts.Add(new DocumentConflict(nameof(MigrantForm.ResidenceCardNumber), f1));
        }
        if (unhcr is not null
            && await all.Where(x => x.UnhcrNumber == unhcr).Select(x => x.FileNumber).FirstOrDefaultAsync(ct) is { } f2)
        {
            conflicts.Add(new DocumentConflict(nameof(MigrantForm.UnhcrNumber), f2));
        }
        return conflicts;
    }

    /// <summary>Batch form of the document check for imports: number → file number of the files already holding it.</summary>
    public async Task<(Dictionary<string, string> Cards, Dictionary<string, string> Unhcr)> TakenDocumentsAsync(
        IReadOnlyCollection<string> cards, IReadOnlyCollection<string> unhcr, CancellationToken ct)
    {
        // Scope bypass: import: document numbers already taken anywhere in the country.
        var all = db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking();
        var takenCards = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in cards.Chunk(500))
        {
            foreach (var x in await all.Where(x => chunk.Contains(x.ResidenceCardNumber!)).Select(x => new { x.ResidenceCardNumber, x.FileNumber }).ToListAsync(ct))
            {
                takenCards.TryAdd(x.ResidenceCardNumber!, x.FileNumber);
            }
        }
        var takenUnhcr = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in unhcr.Chunk(500))
        {
            foreach (var x in await all.Where(x => chunk.Contains(x.UnhcrNumber!)).Select(x => new { x.UnhcrNumber, x.FileNumber }).ToListAsync(ct))
            {
                takenUnhcr.TryAdd(x.UnhcrNumber!, x.FileNumber);
            }
        }
        return (takenCards, takenUnhcr);
    }

    /// <summary>
    /// Batch form of the duplicate check for imports: the candidate files of many new files, by
    /// the same rule. Candidates are read by the indexed name keys (only the columns the rule
    /// needs) and looked up by hashed keys, not compared with every row.
    /// </summary>
    public async Task<Dictionary<Migrant, List<DuplicateCandidate>>> FindDuplicatesAsync(IReadOnlyList<Migrant> news, CancellationToken ct)
    {
        var latin = news.SelectMany(m => new[] { m.FamilyNameKey, m.GivenNameKey }).Distinct(StringComparer.Ordinal).ToList();
        var arabic = news.Where(m => m.FamilyNameArabicKey != null).Select(m => m.FamilyNameArabicKey!).Distinct(StringComparer.Ordinal).ToList();
        var nationalities = news.Select(m => m.NationalityId).Distinct().ToList();
        var byNames = new Dictionary<(int, string, string), List<(int? Year, DuplicateCandidate Candidate)>>();
        var seen = new HashSet<int>();
        void Index((int, string, string) key, int? year, DuplicateCandidate candidate)
        {
            if (!byNames.TryGetValue(key, out var list))
            {
                byNames[key] = list = [];
            }
            list.Add((year, candidate));
        }
        async Task LoadAsync(IQueryable<Migrant> q)
        {
            var rows = await q.Where(x => x.MergedIntoId == null && nationalities.Contains(x.NationalityId))
                .Select(x => new { x.Id, x.FileNumber, x.FamilyName, x.GivenName, x.FamilyNameArabic, x.GivenNameArabic, x.BirthYear, x.City,
                    x.NationalityId, x.FamilyNameKey, x.GivenNameKey, x.FamilyNameArabicKey, x.GivenNameArabicKey })
                .ToListAsync(ct);
            foreach (var x in rows.Where(x => seen.Add(x.Id)))
            {
                var candidate = new DuplicateCandidate(x.Id, x.FileNumber, x.FamilyName, x.GivenName, x.FamilyNameArabic, x.GivenNameArabic, x.BirthYear, x.City);
                Index((x.NationalityId, "L" + x.FamilyNameKey, x.GivenNameKey), x.BirthYear, candidate);
                if (x.FamilyNameArabicKey is { } fa && x.GivenNameArabicKey is { } ga)
                {
                    Index((x.NationalityId, "A" + fa, ga), x.BirthYear, candidate);
                }
            }
        }
        foreach (var chunk in latin.Chunk(500))
        {
            await LoadAsync(db.Migrants.AsNoTracking().Where(x => chunk.Contains(x.FamilyNameKey)));
        }
        foreach (var chunk in arabic.Chunk(500))
        {
            await LoadAsync(db.Migrants.AsNoTracking().Where(x => chunk.Contains(x.FamilyNameArabicKey!)));
        }
        IEnumerable<(int? Year, DuplicateCandidate Candidate)> At((int, string, string) key) => byNames.TryGetValue(key, out var list) ? list : [];
        return news.ToDictionary(m => m, m =>
        {
            if (m.BirthYear is not { } year)
            {
                return [];
            }
            var keys = new List<(int, string, string)> { (m.NationalityId, "L" + m.FamilyNameKey, m.GivenNameKey), (m.NationalityId, "L" + m.GivenNameKey, m.FamilyNameKey) };
            if (m.FamilyNameArabicKey is { } fa && m.GivenNameArabicKey is { } ga)
            {
                keys.Add((m.NationalityId, "A" + fa, ga));
            }
            return keys.SelectMany(At).Where(c => c.Year is { } y && Math.Abs(y - year) <= 1)
                .Select(c => c.Candidate).DistinctBy(c => c.Id).OrderBy(c => c.Id).Take(20).ToList();
        });
    }

    /// <summary>The duplicate rule in memory (the same as the query above).</summary>
    public static bool SamePerson(Migrant x, Migrant m) =>
        x.NationalityId == m.NationalityId && x.BirthYear is { } a && m.BirthYear is { } b && Math.Abs(a - b) <= 1
        && ((x.FamilyNameKey == m.FamilyNameKey && x.GivenNameKey == m.GivenNameKey)
            || (x.FamilyNameKey == m.GivenNameKey && x.GivenNameKey == m.FamilyNameKey)
            || (m.FamilyNameArabicKey != null && m.GivenNameArabicKey != null
                && x.FamilyNameArabicKey == m.FamilyNameArabicKey && x.GivenNameArabicKey == m.GivenNameArabicKey));

    /// <summary>
    /// Saves a new file with the next number of its region and year ({RegionCode}-{year}-{sequence:D6}).
    /// The number is taken from the sequence's counter row (<see cref="FileNumberCounter"/>),
    /// incremented in the same short write transaction as the file: the increment locks the row
    /// (SQL Server) or the database (SQLite, BEGIN IMMEDIATE), so two registrations, in one app
    /// instance or several, never get the same number. Only if a file was numbered past the
    /// counter by other means (a restored copy, data written by hand) does the unique index
    /// refuse it: the counter is then brought up to the highest number and the save tried again.
    /// Any other refusal (a document number saved meanwhile by another registration) goes back
    /// to the caller, the transaction rolled back.
    /// </summary>
    public async Task CreateAsync(Migrant m, CancellationToken ct)
    {
        var regionCode = await db.Regions.Where(r => r.Id == m.RegionId).Select(r => r.Code).SingleAsync(ct);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{regionCode}-{clock.GetLocalNow().Year}-");
        db.Migrants.Add(m);
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            m.FileNumber = prefix + (await ReserveAsync(prefix, 1, resync: attempt > 1, ct)).ToString("D6", CultureInfo.InvariantCulture);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxFileNumberAttempts)
            {
                await transaction.RollbackAsync(ct);
                if (!await FileNumberTakenAsync(m.FileNumber, ct))
                {
                    throw;
                }
                // Numbered past the counter by other means: the next attempt resynchronises it.
            }
        }
    }

    /// <summary>
    /// Saves many new files at once, all or nothing (one transaction), numbering them in each
    /// region's sequence. If a simultaneous registration takes a number meanwhile, the whole
    /// batch is rolled back and numbered again.
    /// </summary>
    /// <remarks>
    /// <paramref name="claim"/> runs first in the transaction (an import marks its file as
    /// imported there): when it answers false, nothing is written and the method answers false.
    /// </remarks>
    public async Task<bool> CreateManyAsync(IReadOnlyList<Migrant> migrants, CancellationToken ct, Func<CancellationToken, Task<bool>>? claim = null)
    {
        var regionCodes = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Code, ct);
        var year = clock.GetLocalNow().Year;
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (claim is not null && !await claim(ct))
            {
                await transaction.RollbackAsync(ct);
                return false;
            }
            foreach (var group in migrants.GroupBy(m => m.RegionId))
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"{regionCodes[group.Key]}-{year}-");
                var next = await ReserveAsync(prefix, group.Count(), resync: attempt > 1, ct) - group.Count();
                foreach (var m in group)
                {
                    m.FileNumber = prefix + (++next).ToString("D6", CultureInfo.InvariantCulture);
                }
            }
            db.Migrants.AddRange(migrants);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Reserves <paramref name="count"/> numbers of a sequence inside the caller's transaction and
    /// answers the last of them. The first registration of a sequence (or <paramref name="resync"/>)
    /// starts the counter from the highest number already given.
    /// </summary>
    private async Task<int> ReserveAsync(string prefix, int count, bool resync, CancellationToken ct)
    {
        if (resync)
        {
            var highest = await LastSequenceAsync(prefix, ct);
            await db.FileNumberCounters.Where(c => c.Prefix == prefix && c.Last < highest)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, highest), ct);
        }
        var updated = await db.FileNumberCounters.Where(c => c.Prefix == prefix)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + count), ct);
        if (updated == 0)
        {
            // The sequence's first number this year (or the first since the counters came in).
            var last = await LastSequenceAsync(prefix, ct) + count;
            try
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO FileNumberCounters (Prefix, Last) VALUES ({prefix}, {last})", ct);
                return last;
            }
            catch (System.Data.Common.DbException)
            {
                // SQL Server: another instance started the same sequence at the same moment (the
                // key refused this row; the transaction goes on): take the next number of its counter.
                await db.FileNumberCounters.Where(c => c.Prefix == prefix)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + count), ct);
            }
        }
        return await db.FileNumberCounters.Where(c => c.Prefix == prefix).Select(c => c.Last).SingleAsync(ct);
    }

    private async Task<int> LastSequenceAsync(string prefix, CancellationToken ct)
    {
        var upper = NameKey.PrefixUpperBound(prefix);
        // Scope bypass: file numbers are allocated nationally per region prefix.
        var last = await db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(x => string.Compare(x.FileNumber, prefix) >= 0 && string.Compare(x.FileNumber, upper) < 0)
            .OrderByDescending(x => x.FileNumber).Select(x => x.FileNumber).FirstOrDefaultAsync(ct);
        return last is not null && int.TryParse(last.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private Task<bool> FileNumberTakenAsync(string fileNumber, CancellationToken ct) =>
        // Scope bypass: file numbers are unique nationally.
        db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().AnyAsync(x => x.FileNumber == fileNumber, ct);
}
