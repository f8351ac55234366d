using System.Globalization;
using System.Linq.Expressions;
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
        // The same names written in the other script (محمد تراوري for Mohamed Traoré): skeleton keys.
        var s1 = NameKey.OtherScript(m.NameSkeletonKey);
        var s2 = NameKey.OtherScript(m.ArabicNameSkeletonKey);
        var query = db.Migrants.AsNoTracking()
            .Where(x => x.MergedIntoId == null && x.NationalityId == m.NationalityId
                && x.BirthYear >= year - 1 && x.BirthYear <= year + 1
                && ((x.FamilyNameKey == fk && x.GivenNameKey == gk)
                    || (x.FamilyNameKey == gk && x.GivenNameKey == fk)
                    || (fa != null && ga != null && x.FamilyNameArabicKey == fa && x.GivenNameArabicKey == ga)
                    || (s1 != null && (x.NameSkeletonKey == s1 || x.ArabicNameSkeletonKey == s1))
                    || (s2 != null && (x.NameSkeletonKey == s2 || x.ArabicNameSkeletonKey == s2))));
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
    /// the same rule. Each name is looked up by its exact keys (the pairs of the duplicate
    /// index, the skeleton keys across scripts), a fixed number of lookups per query, so the
    /// database reads only the few files with those names, never a whole surname's files.
    /// With <paramref name="afterId"/>, only files registered after it (an import's re-check).
    /// </summary>
    public async Task<Dictionary<Migrant, List<DuplicateCandidate>>> FindDuplicatesAsync(IReadOnlyList<Migrant> news, CancellationToken ct, int afterId = 0)
    {
        var pairs = new HashSet<(string, string, int)>();
        var arabic = new HashSet<(string, string, int)>();
        var skeletons = new HashSet<(string, int)>();
        foreach (var m in news.Where(m => m.BirthYear is not null))
        {
            pairs.Add((m.FamilyNameKey, m.GivenNameKey, m.NationalityId));
            pairs.Add((m.GivenNameKey, m.FamilyNameKey, m.NationalityId));
            if (m.FamilyNameArabicKey is { } fa && m.GivenNameArabicKey is { } ga)
            {
                arabic.Add((fa, ga, m.NationalityId));
            }
            foreach (var k in CrossScriptKeys(m))
            {
                skeletons.Add((k, m.NationalityId));
            }
        }
        var rows = new Dictionary<int, CandidateRow>();
        foreach (var chunk in pairs.Chunk(LookupsPerQuery))
        {
            await LoadAsync(Lookup(chunk, (x, a, b, n) => x.FamilyNameKey == a && x.GivenNameKey == b && x.NationalityId == n));
        }
        foreach (var chunk in arabic.Chunk(LookupsPerQuery))
        {
            await LoadAsync(Lookup(chunk, (x, a, b, n) => x.FamilyNameArabicKey == a && x.GivenNameArabicKey == b && x.NationalityId == n));
        }
        foreach (var chunk in skeletons.Chunk(LookupsPerQuery))
        {
            var asPairs = chunk.Select(c => (c.Item1, "", c.Item2)).ToArray();
            await LoadAsync(Lookup(asPairs, (x, a, b, n) => x.NameSkeletonKey == a && x.NationalityId == n));
            await LoadAsync(Lookup(asPairs, (x, a, b, n) => x.ArabicNameSkeletonKey == a && x.NationalityId == n));
        }
        var byKey = new Dictionary<(string, int), List<CandidateRow>>();
        void Index(string? key, CandidateRow row)
        {
            if (key is null) return;
            if (!byKey.TryGetValue((key, row.NationalityId), out var list))
            {
                byKey[(key, row.NationalityId)] = list = [];
            }
            list.Add(row);
        }
        foreach (var r in rows.Values)
        {
            Index("L|" + r.FamilyNameKey + "|" + r.GivenNameKey, r);
            Index(r.FamilyNameArabicKey is { } a && r.GivenNameArabicKey is { } b ? "A|" + a + "|" + b : null, r);
            Index(r.NameSkeletonKey is { } s1 ? "S|" + s1 : null, r);
            Index(r.ArabicNameSkeletonKey is { } s2 ? "S|" + s2 : null, r);
        }
        IEnumerable<CandidateRow> At(string key, int nationality) => byKey.TryGetValue((key, nationality), out var list) ? list : [];
        return news.ToDictionary(m => m, m =>
        {
            if (m.BirthYear is not { } year)
            {
                return [];
            }
            var keys = new List<string> { "L|" + m.FamilyNameKey + "|" + m.GivenNameKey, "L|" + m.GivenNameKey + "|" + m.FamilyNameKey };
            if (m.FamilyNameArabicKey is { } fa && m.GivenNameArabicKey is { } ga)
            {
                keys.Add("A|" + fa + "|" + ga);
            }
            keys.AddRange(CrossScriptKeys(m).Select(k => "S|" + k));
            return keys.SelectMany(k => At(k, m.NationalityId)).Where(c => c.BirthYear is { } y && Math.Abs(y - year) <= 1)
                .Select(c => c.Candidate).DistinctBy(c => c.Id).OrderBy(c => c.Id).Take(20).ToList();
        });

        IQueryable<Migrant> Lookup((string, string, int)[] chunk, Expression<Func<Migrant, string, string, int, bool>> one)
        {
            var q = db.Migrants.AsNoTracking().Where(x => x.MergedIntoId == null);
            if (afterId > 0)
            {
                q = q.Where(x => x.Id > afterId);
            }
            return q.Where(AnyOf(one, chunk));
        }

        async Task LoadAsync(IQueryable<Migrant> q)
        {
            foreach (var x in await q.Select(x => new CandidateRow(
                new DuplicateCandidate(x.Id, x.FileNumber, x.FamilyName, x.GivenName, x.FamilyNameArabic, x.GivenNameArabic, x.BirthYear, x.City),
                x.NationalityId, x.BirthYear, x.FamilyNameKey, x.GivenNameKey, x.FamilyNameArabicKey, x.GivenNameArabicKey,
                x.NameSkeletonKey, x.ArabicNameSkeletonKey)).ToListAsync(ct))
            {
                rows.TryAdd(x.Candidate.Id, x);
            }
        }
    }

    /// <summary>The skeleton keys a file of the same person written in the other script has.</summary>
    public static IEnumerable<string> CrossScriptKeys(Migrant m)
    {
        var a = NameKey.OtherScript(m.NameSkeletonKey);
        if (a is not null) yield return a;
        if (NameKey.OtherScript(m.ArabicNameSkeletonKey) is { } b && b != a) yield return b;
    }

    /// <summary>Lookups per query: a fixed number (the last chunk padded), so each query's SQL is the same and cached.</summary>
    private const int LookupsPerQuery = 64;

    private sealed record CandidateRow(DuplicateCandidate Candidate, int NationalityId, int? BirthYear, string FamilyNameKey, string GivenNameKey,
        string? FamilyNameArabicKey, string? GivenNameArabicKey, string? NameSkeletonKey, string? ArabicNameSkeletonKey);

    /// <summary>
    /// one(x, a, b, n) for each lookup (the last repeated up to <see cref="LookupsPerQuery"/>),
    /// joined by OR. The values are read from fields of small objects, as a closure's captured
    /// variables are, so EF sends them as parameters and caches one SQL per template. Each term
    /// is an equality on an index's leading columns: SQLite answers the OR by one index seek
    /// per lookup (MULTI-INDEX OR), SQL Server by index seeks too.
    /// </summary>
    private static Expression<Func<Migrant, bool>> AnyOf(Expression<Func<Migrant, string, string, int, bool>> one, (string A, string B, int N)[] chunk)
    {
        var x = one.Parameters[0];
        Expression? body = null;
        for (var i = 0; i < LookupsPerQuery; i++)
        {
            var (a, b, n) = chunk[Math.Min(i, chunk.Length - 1)];
            var term = new ParameterReplacer(new Dictionary<ParameterExpression, Expression>
            {
                [one.Parameters[1]] = Captured(a), [one.Parameters[2]] = Captured(b), [one.Parameters[3]] = Captured(n),
            }).Visit(one.Body);
            body = body is null ? term : Expression.OrElse(body, term);
        }
        return Expression.Lambda<Func<Migrant, bool>>(body!, x);
    }

    private static MemberExpression Captured<T>(T value) => Expression.Field(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public readonly T Value = value;
    }

    private sealed class ParameterReplacer(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : node;
    }

    /// <summary>The duplicate rule in memory (the same as the query above).</summary>
    public static bool SamePerson(Migrant x, Migrant m) =>
        x.NationalityId == m.NationalityId && x.BirthYear is { } a && m.BirthYear is { } b && Math.Abs(a - b) <= 1
        && ((x.FamilyNameKey == m.FamilyNameKey && x.GivenNameKey == m.GivenNameKey)
            || (x.FamilyNameKey == m.GivenNameKey && x.GivenNameKey == m.FamilyNameKey)
            || (m.FamilyNameArabicKey != null && m.GivenNameArabicKey != null
                && x.FamilyNameArabicKey == m.FamilyNameArabicKey && x.GivenNameArabicKey == m.GivenNameArabicKey)
            || CrossScriptKeys(m).Any(k => k == x.NameSkeletonKey || k == x.ArabicNameSkeletonKey));

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
    public Task<bool> CreateManyAsync(IReadOnlyList<Migrant> migrants, CancellationToken ct, Func<CancellationToken, Task<bool>>? claim = null) =>
        SaveNumberedAsync(migrants, claim, async c =>
        {
            db.Migrants.AddRange(migrants);
            try
            {
                await db.SaveChangesAsync(c);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }, e => e is DbUpdateException, ct);

    /// <summary>
    /// The import's form of <see cref="CreateManyAsync"/> on SQLite: the same transaction, claim
    /// and numbering (one block of numbers per region, one counter update each), the rows written
    /// by <see cref="BulkFileWriter"/> (prepared commands, audit entries in the same transaction)
    /// instead of the change tracker.
    /// </summary>
    public Task<bool> InsertManyAsync(IReadOnlyList<Migrant> migrants, IReadOnlyList<Consent> consents, BulkFileWriter writer,
        CancellationToken ct, Func<CancellationToken, Task<bool>>? claim = null) =>
        SaveNumberedAsync(migrants, claim, c => writer.InsertAsync(migrants, consents, c), e => e is System.Data.Common.DbException, ct);

    /// <summary>
    /// One transaction: the claim, the numbers, the write. A number taken meanwhile by other means
    /// (<paramref name="isClash"/>) rolls back and tries again with the counters resynchronised, twice at most.
    /// </summary>
    private async Task<bool> SaveNumberedAsync(IReadOnlyList<Migrant> migrants, Func<CancellationToken, Task<bool>>? claim,
        Func<CancellationToken, Task> write, Func<Exception, bool> isClash, CancellationToken ct)
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
            await NumberAsync(migrants, regionCodes, year, resync: attempt > 1, ct);
            try
            {
                await write(ct);
                await transaction.CommitAsync(ct);
                return true;
            }
            catch (Exception e) when (attempt < 3 && isClash(e))
            {
                await transaction.RollbackAsync(ct);
            }
        }
    }

    /// <summary>Numbers new files in their region's sequence of the year: one block of numbers (one counter update) per region.</summary>
    private async Task NumberAsync(IReadOnlyList<Migrant> migrants, Dictionary<int, string> regionCodes, int year, bool resync, CancellationToken ct)
    {
        foreach (var group in migrants.GroupBy(m => m.RegionId))
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{regionCodes[group.Key]}-{year}-");
            var next = await ReserveAsync(prefix, group.Count(), resync, ct) - group.Count();
            foreach (var m in group)
            {
                m.FileNumber = prefix + (++next).ToString("D6", CultureInfo.InvariantCulture);
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
