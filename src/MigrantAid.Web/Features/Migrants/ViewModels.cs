using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

// EF Core translates string.Compare(a, b) to the SQL comparison operators (an index range
// scan); the overloads taking a StringComparison are not translatable.
#pragma warning disable CA1309

namespace MigrantAid.Web.Features.Migrants;

/// <summary>A choice of a select; options of one Group are shown under one heading (optgroup).</summary>
public sealed record Option(string Value, string Text, string? Group = null);

/// <summary>Choices of the migrant forms and filters, in the user's language; regions limited to where the user may write.</summary>
public sealed record MigrantOptions(IReadOnlyList<Option> Countries, IReadOnlyList<Option> Regions, IReadOnlyList<Option> WritableRegions)
{
    /// <summary>Group of the countries that are the nationality of a file the user can see (listed first).</summary>
    public const string InRegistryGroup = "Search.NationalitiesInRegistry";
    /// <summary>Group of the other countries.</summary>
    public const string OtherGroup = "Search.OtherCountries";

    public static async Task<MigrantOptions> LoadAsync(AppDbContext db, CurrentUser user, ReferenceCache reference, CancellationToken ct, NationalitiesInUse? inUse = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var language = Cultures.Current;
        var countries = await reference.CountriesAsync(db, ct);
        var regions = await reference.RegionsAsync(db, ct);
        var culture = CultureInfo.CurrentCulture;
        var present = inUse is null ? null : await inUse.GetAsync(db, user, ct);
        // Sorting 250 names with the culture's comparer took about a millisecond of every
        // registry page: the sorted lists are kept with the cached reference lists they come
        // from (a new list, every few minutes, sorts again), per language and nationality set.
        var countryOptions = Sorted.GetOrCreateValue(countries).GetOrAdd((culture.Name + "/" + language, present), _ =>
        {
            string Name(string fr, string ar, string en) => language == "ar" && ar.Length > 0 ? ar : language == "en" && en.Length > 0 ? en : fr;
            // The nationalities present in the registry first (then the rest), each part alphabetical.
            return countries
                .Select(c => new Option(c.Code, Name(c.NameFr, c.NameAr, c.NameEn),
                    present is null ? null : present.Contains(c.Id) ? InRegistryGroup : OtherGroup))
                .OrderBy(o => o.Group == OtherGroup).ThenBy(o => o.Text, StringComparer.Create(culture, true)).ToList();
        });
        var regionOptions = Sorted.GetOrCreateValue(regions).GetOrAdd((culture.Name + "/" + language, null), _ =>
            regions.Select(r => new Option(r.Id.ToString(CultureInfo.InvariantCulture), r.Name(language)))
                .OrderBy(o => o.Text, StringComparer.Create(culture, true)).ToList());
        var writable = regionOptions.Where(o => MigrantAccess.MayWriteInRegion(user, int.Parse(o.Value, CultureInfo.InvariantCulture))).ToList();
        return new MigrantOptions(countryOptions, regionOptions, writable);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object,
        System.Collections.Concurrent.ConcurrentDictionary<(string Culture, IReadOnlySet<int>? Present), IReadOnlyList<Option>>> Sorted = new();
}

public sealed record FieldDifference(string Field, string? Saved, string? Yours);

/// <summary>Create/edit page context (the model itself is the MigrantForm, so field names stay the contract's).</summary>
public sealed record MigrantFormPage(int? Id, string? FileNumber, MigrantOptions Options,
    IReadOnlyList<DuplicateCandidate> Candidates, IReadOnlyList<FieldDifference> Differences, bool MaySeeSensitive);

public static class MigrantFormDiff
{
    public static IReadOnlyList<FieldDifference> Compare(MigrantForm saved, MigrantForm yours)
    {
        var list = new List<FieldDifference>();
        foreach (var p in typeof(MigrantForm).GetProperties())
        {
            if (p.Name is nameof(MigrantForm.Version) or nameof(MigrantForm.ConfirmNotDuplicate))
            {
                continue;
            }
            string? Show(object? v) => v switch
            {
                null => null,
                System.Collections.IEnumerable e and not string => string.Join(", ", e.Cast<object>()),
                IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
                _ => v.ToString(),
            };
            var a = Show(p.GetValue(saved));
            var b = Show(p.GetValue(yours));
            if (string.IsNullOrWhiteSpace(a) && string.IsNullOrWhiteSpace(b))
            {
                continue;
            }
            if (!string.Equals(a?.Trim(), b?.Trim(), StringComparison.Ordinal)
                && !(p.Name is nameof(MigrantForm.ResidenceCardNumber) or nameof(MigrantForm.UnhcrNumber)
                    && Migrant.NormalizeDocumentNumber(a) == Migrant.NormalizeDocumentNumber(b)))
            {
                list.Add(new FieldDifference(p.Name, a, b));
            }
        }
        return list;
    }
}

public sealed record MigrantRow(int Id, string FileNumber, string FamilyName, string GivenName, string? FamilyNameArabic, string? GivenNameArabic,
    Sex Sex, int? BirthYear, string Nationality, string Region, string? City, AdministrativeStatus Status);

public sealed record MigrantListViewModel(MigrantSearch Search, IReadOnlyList<MigrantRow> Rows, int? PreviousBefore, int? NextAfter,
    MigrantOptions Options, bool MaySeeSensitive, bool MayEdit)
{
    /// <summary>How many files match, counted up to <see cref="MigrantResultCount.Cap"/> (null when not counted).</summary>
    public MigrantResultCount? Count { get; init; }
}

/// <summary>
/// The number of files a search matches. Counting stops after <see cref="Cap"/> rows, so a
/// list without a query never counts a million files: it says "more than 200". Each counted
/// row is an index probe (the page itself stops after 26): at 1,000 the count cost five times
/// the page query on the bench, at 200 about as much; past 200 the user narrows the search.
/// </summary>
public sealed record MigrantResultCount(int Count, bool More)
{
    public const int Cap = 200;

    public static async Task<MigrantResultCount> CountAsync(IQueryable<Migrant> query, CancellationToken ct)
    {
        var n = await query.Select(m => m.Id).TakeConstant(Cap + 1).CountAsync(ct);
        return new MigrantResultCount(Math.Min(n, Cap), n > Cap);
    }
}

public sealed record HouseholdRow(int Id, Relationship Relationship, int? RelatedMigrantId, string? RelatedFileNumber, string Name, int? Age);

public sealed record CaseNoteRow(int Id, DateOnly Date, CaseNoteKind Kind, string Text, bool Confidential);

public sealed record NeedRow(int Id, NeedKind Kind, string? ReferredTo, NeedStatus Status, DateOnly OpenedOn, DateOnly? ReferredOn, DateOnly? ClosedOn, string? Notes);

/// <summary>The case file as the user may see it: sensitive fields are null for roles that may not see them.</summary>
public sealed record MigrantDetails(
    int Id, string FileNumber, string FamilyName, string GivenName, string? FamilyNameArabic, string? GivenNameArabic,
    Sex Sex, DateOnly? BirthDate, int? BirthYear, string Nationality, string? Languages, string? Phone, int RegionId, string Region,
    string? City, string? Address, DateOnly? ArrivalDate, EducationLevel EducationLevel, string? Skills,
    bool ConsentGiven, string? ConsentScope, DateOnly? ConsentDate, string? ConsentRecordedBy, string? RegisteredBy, string? ConfirmedNotDuplicateOf,
    bool MaySeeSensitive, SensitiveDetails? Sensitive)
{
    public IReadOnlyList<HouseholdRow> Household { get; init; } = [];
    public IReadOnlyList<CaseNoteRow> CaseNotes { get; init; } = [];
    public IReadOnlyList<NeedRow> Needs { get; init; } = [];
    public IReadOnlyList<TimelineItem> Timeline { get; init; } = [];
    public bool MayEdit { get; init; }
    public bool MayMerge { get; init; }
    public bool MayUnmerge { get; init; }
    public IReadOnlyList<MergedFileRow> MergedFiles { get; init; } = [];
    /// <summary>The household lies outside the user's row scope (a centre director): say "not shown", never "none".</summary>
    public bool HouseholdHidden { get; init; }
}

public sealed record MergedFileRow(int MergeId, int MigrantId, string FileNumber);

public sealed record SensitiveDetails(AdministrativeStatus Status, int? RegularisationYear, string? ResidenceCardNumber,
    DateOnly? ResidenceCardExpiry, string? UnhcrNumber, Vulnerability Vulnerabilities,
    FunctioningDifficulty? WgSeeing = null, FunctioningDifficulty? WgHearing = null, FunctioningDifficulty? WgWalking = null,
    FunctioningDifficulty? WgRemembering = null, FunctioningDifficulty? WgSelfCare = null, FunctioningDifficulty? WgCommunicating = null,
    bool? HasDisability = null)
{
    public IEnumerable<(string Field, FunctioningDifficulty Answer)> Functioning() =>
        new[] { ("WgSeeing", WgSeeing), ("WgHearing", WgHearing), ("WgWalking", WgWalking), ("WgRemembering", WgRemembering),
                ("WgSelfCare", WgSelfCare), ("WgCommunicating", WgCommunicating) }
            .Where(a => a.Item2 is not null).Select(a => (a.Item1, a.Item2!.Value));
}

public static class MigrantDetailsLoader
{
    public static async Task<MigrantDetails?> LoadAsync(AppDbContext db, CurrentUser user, int id, CancellationToken ct)
    {
        var language = Cultures.Current;
        var sensitive = MigrantAccess.MaySeeSensitive(user);
        var d = await db.Migrants.AsNoTracking().Where(m => m.Id == id && m.MergedIntoId == null)
            .Select(m => new MigrantDetails(m.Id, m.FileNumber, m.FamilyName, m.GivenName, m.FamilyNameArabic, m.GivenNameArabic,
                m.Sex, m.BirthDate, m.BirthYear,
                language == "ar" ? m.Nationality!.NameAr : language == "en" ? m.Nationality!.NameEn : m.Nationality!.NameFr,
                m.Languages, m.Phone, m.RegionId,
                language == "ar" ? m.Region!.NameAr : language == "en" ? m.Region!.NameEn : m.Region!.NameFr,
                m.City, m.Address, m.ArrivalDate, m.EducationLevel, m.Skills,
                m.ConsentGiven, m.ConsentScope, m.ConsentDate,
                db.Users.Where(u => u.Id == m.ConsentRecordedById).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Where(u => u.Id == m.RegisteredById).Select(u => u.DisplayName).FirstOrDefault(),
                m.ConfirmedNotDuplicateOf, sensitive,
                sensitive ? new SensitiveDetails(m.AdministrativeStatus, m.RegularisationYear, m.ResidenceCardNumber, m.ResidenceCardExpiry, m.UnhcrNumber, m.Vulnerabilities,
                    m.WgSeeing, m.WgHearing, m.WgWalking, m.WgRemembering, m.WgSelfCare, m.WgCommunicating, m.HasDisability) : null))
            .SingleOrDefaultAsync(ct);
        if (d is null)
        {
            return null;
        }
        var household = await db.HouseholdMembers.AsNoTracking().Where(h => h.MigrantId == id)
            .Select(h => new HouseholdRow(h.Id, h.Relationship, h.RelatedMigrantId, h.RelatedMigrant!.FileNumber,
                h.RelatedMigrantId != null ? h.RelatedMigrant!.GivenName + " " + h.RelatedMigrant.FamilyName : h.Name ?? "", h.Age))
            .ToListAsync(ct);
        var notes = await db.CaseNotes.AsNoTracking().Where(n => n.MigrantId == id && (sensitive || !n.Confidential))
            .OrderByDescending(n => n.Date).ThenByDescending(n => n.Id)
            .Select(n => new CaseNoteRow(n.Id, n.Date, n.Kind, n.Text, n.Confidential)).ToListAsync(ct);
        // Needs include health and legal matters: sensitive, like the status and vulnerabilities.
        var needs = await db.Needs.AsNoTracking().Where(n => n.MigrantId == id && sensitive).OrderByDescending(n => n.OpenedOn).ThenByDescending(n => n.Id)
            .Select(n => new NeedRow(n.Id, n.Kind, n.ReferredTo, n.Status, n.OpenedOn, n.ReferredOn, n.ClosedOn, n.Notes)).ToListAsync(ct);
        var merged = await db.MigrantMerges.AsNoTracking().Where(m => m.KeptId == id && m.ReversedAt == null)
            .Join(db.Migrants, m => m.MergedId, x => x.Id, (m, x) => new MergedFileRow(m.Id, x.Id, x.FileNumber)).ToListAsync(ct);
        return d with
        {
            Household = household, CaseNotes = notes, Needs = needs, MergedFiles = merged,
            MayUnmerge = user.Has(Permissions.MigrantsUnmerge),
            MayEdit = MigrantAccess.MayEdit(user) && MigrantAccess.MayWriteInRegion(user, d.RegionId),
            MayMerge = user.Has(Permissions.MigrantsMerge) && user.Scope.CoversRegion(d.RegionId),
            HouseholdHidden = !user.Scope.CoversRegion(d.RegionId),
        };
    }
}

/// <summary>Keyset paging: each page starts after (or ends before) a row id, whatever the sort.</summary>
public static class MigrantPaging
{
    /// <param name="Count">The result count (up to <see cref="MigrantResultCount.Cap"/>) when the page could tell it: a first page.</param>
    public sealed record Page(IReadOnlyList<int> Ids, int? PreviousBefore, int? NextAfter, MigrantResultCount? Count = null);

    /// <summary>
    /// One page of ids. A first page reads up to <see cref="MigrantResultCount.Cap"/> + 1 ids in
    /// the page's order and so also gives the result count: a name search builds its list of
    /// candidate files (every token in the word's range, tens of thousands for "Diallo") once
    /// instead of once for the page and again for a separate count — the extra rows cost a few
    /// index probes each.
    /// </summary>
    public static async Task<Page> PageAsync(AppDbContext db, IQueryable<Migrant> query, MigrantSearch search, int size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.After is null && search.Before is null && size < MigrantResultCount.Cap)
        {
            var first = await Order(query, search.Sort, backwards: false).Select(m => m.Id)
                .TakeConstant(MigrantResultCount.Cap + 1).ToListAsync(ct);
            var ids = first.Take(size).ToList();
            return new Page(ids, null, first.Count > size ? ids[^1] : null,
                new MigrantResultCount(Math.Min(first.Count, MigrantResultCount.Cap), first.Count > MigrantResultCount.Cap));
        }
        return await AnchoredAsync(db, query, search, size, ct);
    }

    private static IOrderedQueryable<Migrant> Order(IQueryable<Migrant> query, MigrantSort sort, bool backwards) => (sort, backwards) switch
    {
        (MigrantSort.Name, false) => query.OrderBy(m => m.FamilyName).ThenBy(m => m.GivenName).ThenBy(m => m.Id),
        (MigrantSort.Name, true) => query.OrderByDescending(m => m.FamilyName).ThenByDescending(m => m.GivenName).ThenByDescending(m => m.Id),
        (MigrantSort.FileNumber, false) => query.OrderBy(m => m.FileNumber),
        (MigrantSort.FileNumber, true) => query.OrderByDescending(m => m.FileNumber),
        (_, false) => query.OrderByDescending(m => m.Id),
        (_, true) => query.OrderBy(m => m.Id),
    };

    private static async Task<Page> AnchoredAsync(AppDbContext db, IQueryable<Migrant> query, MigrantSearch search, int size, CancellationToken ct)
    {
        var backwards = search.Before is not null && search.After is null;
        var anchorId = search.After ?? search.Before;
        if (anchorId is { } aid)
        {
            var anchor = await db.Migrants.AsNoTracking().Where(m => m.Id == aid)
                .Select(m => new { m.Id, m.FamilyName, m.GivenName, m.FileNumber }).SingleOrDefaultAsync(ct);
            if (anchor is not null)
            {
                query = (search.Sort, backwards) switch
                {
                    (MigrantSort.Name, false) => query.Where(m => string.Compare(m.FamilyName, anchor.FamilyName) > 0
                        || (m.FamilyName == anchor.FamilyName && (string.Compare(m.GivenName, anchor.GivenName) > 0
                            || (m.GivenName == anchor.GivenName && m.Id > anchor.Id)))),
                    (MigrantSort.Name, true) => query.Where(m => string.Compare(m.FamilyName, anchor.FamilyName) < 0
                        || (m.FamilyName == anchor.FamilyName && (string.Compare(m.GivenName, anchor.GivenName) < 0
                            || (m.GivenName == anchor.GivenName && m.Id < anchor.Id)))),
                    (MigrantSort.FileNumber, false) => query.Where(m => string.Compare(m.FileNumber, anchor.FileNumber) > 0),
                    (MigrantSort.FileNumber, true) => query.Where(m => string.Compare(m.FileNumber, anchor.FileNumber) < 0),
                    (_, false) => query.Where(m => m.Id < anchor.Id),
                    (_, true) => query.Where(m => m.Id > anchor.Id),
                };
            }
        }
        var ordered = Order(query, search.Sort, backwards);
        // The page size as a constant in the SQL (LIMIT 26), not a parameter: SQLite's planner
        // weighs an ORDER BY … LIMIT by its limit only when it can read it while planning.
        var ids = await ordered.Select(m => m.Id).TakeConstant(size + 1).ToListAsync(ct);
        var more = ids.Count > size;
        ids = ids.Take(size).ToList();
        if (backwards)
        {
            ids.Reverse();
        }
        int? previous = null, next = null;
        if (ids.Count > 0)
        {
            // Forwards: a next page if one more row exists; a previous page if we started after a row.
            next = backwards || more ? ids[^1] : null;
            previous = (!backwards && anchorId is not null) || (backwards && more) ? ids[0] : null;
        }
        return new Page(ids, previous, next);
    }
}

/// <summary>
/// A row limit written into the SQL as a literal (LIMIT 26) instead of a parameter: SQLite's
/// planner weighs an ORDER BY … LIMIT plan by its limit only when the limit is known while
/// planning (issue 13: a director's enrolment list took 49.5 ms with the limit as a parameter,
/// 5.7 ms with it written in). Only for a few fixed page sizes (each is a cached query plan).
/// </summary>
public static class QueryableLimits
{
    public static IQueryable<T> TakeConstant<T>(this IQueryable<T> source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        var constant = System.Linq.Expressions.Expression.Call(typeof(EF), nameof(EF.Constant), [typeof(int)],
            System.Linq.Expressions.Expression.Constant(count));
        return source.Provider.CreateQuery<T>(System.Linq.Expressions.Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)],
            source.Expression, constant));
    }
}
