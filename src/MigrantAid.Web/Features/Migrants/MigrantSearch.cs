using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

// EF Core translates string.Compare(a, b) to the SQL comparison operators (an index range
// scan); the overloads taking a StringComparison are not translatable.
#pragma warning disable CA1309, CA1310

namespace MigrantAid.Web.Features.Migrants;

public enum AgeBand { Under18, From18To25, From26To35, From36To50, Over50 }

public enum MigrantSort { Recent, Name, FileNumber }

/// <summary>The list's search box and filters (query string), shared by the list and the export.</summary>
public sealed partial class MigrantSearch
{
    public string? Q { get; set; }
    public string? NationalityCode { get; set; }
    public int? RegionId { get; set; }
    public AdministrativeStatus? Status { get; set; }
    public Sex? Sex { get; set; }
    public AgeBand? AgeBand { get; set; }
    public MigrantSort Sort { get; set; }
    /// <summary>Keyset paging: the id of the last row of the previous page (next) or the first row of the next page (previous).</summary>
    public int? After { get; set; }
    public int? Before { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Q) && string.IsNullOrWhiteSpace(NationalityCode) && RegionId is null
        && Status is null && Sex is null && AgeBand is null;

    /// <summary>The route values of this search, for links (sorting, paging, export).</summary>
    public Microsoft.AspNetCore.Routing.RouteValueDictionary RouteValues(MigrantSort? sort = null, int? after = null, int? before = null, string? format = null) => new()
    {
        ["format"] = format,
        ["q"] = Q, ["nationalityCode"] = NationalityCode, ["regionId"] = RegionId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["status"] = Status?.ToString(), ["sex"] = Sex?.ToString(), ["ageBand"] = AgeBand?.ToString(),
        ["sort"] = (sort ?? Sort).ToString(),
        ["after"] = after?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["before"] = before?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Filters the (row-scoped) files. Without <paramref name="sensitive"/> access (a centre
    /// director), every criterion on a sensitive column is ignored — the administrative status
    /// filter and document numbers in the search box — so the rows a user gets never depend on
    /// values hidden from them (else a few requests would read them out). Names: every word of the box must prefix-match one of
    /// the file's name tokens (any order, case, accents, script, transliteration) — each word
    /// is an index range scan on MigrantNameTokens. A word with digits is also tried as a
    /// file, phone or document number (prefix, on indexed columns).
    /// </summary>
    /// <summary>
    /// A centre director's files are those of their centre's apprentices: the list starts from
    /// the centre's enrolments (an index range) instead of leaving SQLite to walk every file of
    /// the registry in id order and probe the centre's enrolments for each (33 s at a million
    /// files). The row-scope filter still applies; this only states the same rule as a join.
    /// </summary>
    public static IQueryable<Migrant> ForScope(IQueryable<Migrant> query, AppDbContext db, Infrastructure.Auth.AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Kind != Infrastructure.Auth.ScopeKind.Centre || scope.CentreId is not { } centre)
        {
            return query;
        }
        var apprentices = db.Enrolments.Where(e => e.TrainingCentreId == centre).Select(e => e.MigrantId);
        return query.Where(m => apprentices.Contains(m.Id));
    }

    public IQueryable<Migrant> Apply(AppDbContext db, int currentYear, bool sensitive)
    {
        var query = db.Migrants.AsNoTracking().Where(m => m.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(NationalityCode))
        {
            var code = NationalityCode.Trim().ToUpperInvariant();
            query = query.Where(m => m.Nationality!.Code == code);
        }
        if (RegionId is { } region) query = query.Where(m => m.RegionId == region);
        if (sensitive && Status is { } status) query = query.Where(m => m.AdministrativeStatus == status);
        if (Sex is { } sex) query = query.Where(m => m.Sex == sex);
        if (AgeBand is { } band)
        {
            var (min, max) = band switch
            {
                Migrants.AgeBand.Under18 => (0, 17),
                Migrants.AgeBand.From18To25 => (18, 25),
                Migrants.AgeBand.From26To35 => (26, 35),
                Migrants.AgeBand.From36To50 => (36, 50),
                _ => (51, 200),
            };
            int fromYear = currentYear - max, toYear = currentYear - min;
            query = query.Where(m => m.BirthYear >= fromYear && m.BirthYear <= toYear);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query = ApplyText(db, query, Q.Trim(), sensitive);
        }
        return query;
    }

    private IQueryable<Migrant> ApplyText(AppDbContext db, IQueryable<Migrant> query, string text, bool sensitive)
    {
        if (IsNumberSearch(text))
        {
            // A number: file number, phone or document number, by prefix on indexed columns.
            var upper = text.ToUpperInvariant();
            if (WholeFileNumber().IsMatch(upper))
            {
                // A whole file number (RSK-2026-000123) names one file: one seek on the unique index.
                return query.Where(m => m.FileNumber == upper);
            }
            var upperEnd = NameKey.PrefixUpperBound(upper);
            var document = Migrant.NormalizeDocumentNumber(text) ?? upper;
            var documentEnd = NameKey.PrefixUpperBound(document);
            var phone = Migrant.PhoneDigits(text);
            var phoneEnd = phone is null ? null : NameKey.PrefixUpperBound(phone);
            var phoneOk = phone is { Length: >= 4 };
            // One index range scan per column, united into a list of candidate ids: an OR across
            // the columns would make the database walk the whole registry in page order instead.
            // The candidates keep the row scope: IgnoreQueryFilters in a subquery switches the
            // filter off for the whole query, which would let other regions' files through.
            var candidates = db.Migrants;
            var ids = candidates.Where(m => string.Compare(m.FileNumber, upper) >= 0 && string.Compare(m.FileNumber, upperEnd) < 0).Select(m => m.Id);
            if (sensitive)
            {
                // Residence-card and UNHCR numbers are legal status: matched only for those who may read them.
                ids = ids.Concat(candidates.Where(m => string.Compare(m.ResidenceCardNumber, document) >= 0 && string.Compare(m.ResidenceCardNumber, documentEnd) < 0).Select(m => m.Id))
                    .Concat(candidates.Where(m => string.Compare(m.UnhcrNumber, document) >= 0 && string.Compare(m.UnhcrNumber, documentEnd) < 0).Select(m => m.Id));
            }
            if (phoneOk)
            {
                ids = ids.Concat(candidates.Where(m => string.Compare(m.PhoneKey, phone) >= 0 && string.Compare(m.PhoneKey, phoneEnd) < 0).Select(m => m.Id));
            }
            return query.Where(m => ids.Contains(m.Id));
        }
        var words = QueryWords(text);
        if (plan is { } p && p.Counts.Count == words.Count)
        {
            return ApplyPlanned(db, query, words, p);
        }
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var from = Limit(word.Phonetic);
            var to = NameKey.PrefixUpperBound(from);
            if (i > 0 && from.Length < 3)
            {
                // A very short extra word ("ndiaye a") would list most of the registry: check it
                // only on the candidates of the longer words, through the token index by migrant.
                query = query.Where(m => m.NameTokens.Any(t => string.Compare(t.Token, from) >= 0 && string.Compare(t.Token, to) < 0));
                continue;
            }
            // Each word is a prefix of a token of the same script, or (cross-script) the other
            // script's skeleton: two index range scans on the token key, united. A word that
            // matches neither matches nothing: no fallback.
            var ids = Candidates(db, word);
            query = query.Where(m => ids.Contains(m.Id));
        }
        return query;
    }

    /// <summary>The name words of the box as looked up: distinct, at most six, longest first.</summary>
    private static List<NameKey.QueryWord> QueryWords(string text) =>
        NameKey.Words(text).Select(NameKey.Query).Where(w => w.Phonetic.Length > 0)
            .DistinctBy(w => w.Phonetic).Take(6).OrderByDescending(w => w.Phonetic.Length).ToList();

    /// <summary>A very short word after the first ("ndiaye a") is only ever checked on the others' candidates.</summary>
    private static bool IsShortExtra(int index, NameKey.QueryWord word) => index > 0 && Limit(word.Phonetic).Length < 3;

    /// <summary>The migrants having a token the word matches: its same-script prefix range and its cross-script skeleton (range or seek), united.</summary>
    private static IQueryable<int> Candidates(AppDbContext db, NameKey.QueryWord word)
    {
        var from = Limit(word.Phonetic);
        var to = NameKey.PrefixUpperBound(from);
        var ids = db.MigrantNameTokens
            .Where(t => string.Compare(t.Token, from) >= 0 && string.Compare(t.Token, to) < 0)
            .Select(t => t.MigrantId);
        if (word.CrossScript is { } cross)
        {
            var skeleton = Limit(cross);
            var skeletonEnd = NameKey.PrefixUpperBound(skeleton);
            var other = word.CrossScriptExact
                ? db.MigrantNameTokens.Where(t => t.Token == skeleton)
                : db.MigrantNameTokens.Where(t => string.Compare(t.Token, skeleton) >= 0 && string.Compare(t.Token, skeletonEnd) < 0);
            ids = ids.Concat(other.Select(t => t.MigrantId));
        }
        return ids;
    }

    /// <summary>The same match as <see cref="Candidates"/>, checked on one file through its own tokens (the token index by migrant: a few rows).</summary>
    private static IQueryable<Migrant> Probe(IQueryable<Migrant> query, NameKey.QueryWord word)
    {
        var from = Limit(word.Phonetic);
        var to = NameKey.PrefixUpperBound(from);
        if (word.CrossScript is not { } cross)
        {
            return query.Where(m => m.NameTokens.Any(t => string.Compare(t.Token, from) >= 0 && string.Compare(t.Token, to) < 0));
        }
        var skeleton = Limit(cross);
        if (word.CrossScriptExact)
        {
            return query.Where(m => m.NameTokens.Any(t => (string.Compare(t.Token, from) >= 0 && string.Compare(t.Token, to) < 0) || t.Token == skeleton));
        }
        var skeletonEnd = NameKey.PrefixUpperBound(skeleton);
        return query.Where(m => m.NameTokens.Any(t => (string.Compare(t.Token, from) >= 0 && string.Compare(t.Token, to) < 0)
            || (string.Compare(t.Token, skeleton) >= 0 && string.Compare(t.Token, skeletonEnd) < 0)));
    }

    /// <summary>
    /// Above this many candidate tokens (one file in thirty at a million) a single name word is
    /// "common" (Diallo, Mohamed: tens of thousands): its first page is looked for among the
    /// scope's <see cref="WalkedFiles"/> newest files, each checked through its own tokens, instead
    /// of listing and sorting all its candidates. Below it, the rarest word's candidates are listed.
    /// </summary>
    public const int CommonWordCandidates = 40_000;

    /// <summary>
    /// How many of the scope's newest files a common word's first page looks through. When fewer
    /// than a page and its count (201) match there (names are not spread evenly: an import brings
    /// thousands of files of one community), the search is made again from the word's candidates
    /// (<see cref="StopWalking"/>): the same people, found the longer way.
    /// </summary>
    public const int WalkedFiles = 8_000;

    /// <summary>
    /// How the name words are looked up, chosen from their candidate counts (see <see cref="PlanAsync"/>).
    /// Null until planned: <see cref="Apply"/> then lists every word's candidates.
    /// </summary>
    private SearchPlan? plan;

    private sealed record SearchPlan(IReadOnlyList<int> Counts, bool Walk, int? ScopeRegionId, int WalkedFiles, bool ProbeAll);

    /// <summary>Whether <see cref="Apply"/> looks for the first page among the scope's newest files only (see <see cref="WalkedFiles"/>).</summary>
    public bool Walks => plan?.Walk == true;

    /// <summary>After a walk found less than a first page and its count: list the word's candidates instead.</summary>
    public void StopWalking()
    {
        if (plan is not null)
        {
            plan = plan with { Walk = false };
        }
    }

    /// <summary>
    /// Counts each name word's candidate tokens, each count stopping at
    /// <see cref="CommonWordCandidates"/> or at the smallest count found so far (only the rarest
    /// word matters), so that <see cref="Apply"/> can start from the rarest word and check the
    /// others on its candidates only. Listing every word's candidates (issue 13: "aissatou dialo"
    /// built two lists of 33,000 and 95,000 ids to keep 200) cost 40 ms at a million files; the
    /// counts cost a read of at most 40,000 index entries per word. The people found, their
    /// order and the scope are the same whatever the plan.
    /// </summary>
    public Task PlanAsync(AppDbContext db, Infrastructure.Auth.AccessScope scope, CancellationToken ct) =>
        PlanAsync(db, scope, CommonWordCandidates, WalkedFiles, ct);

    /// <param name="commonWord">The candidate count above which one word walks the scope's newest files (tests lower it).</param>
    /// <param name="walked">How many of the newest files such a walk looks through (tests lower it).</param>
    public async Task PlanAsync(AppDbContext db, Infrastructure.Auth.AccessScope scope, int commonWord, int walked, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        plan = null;
        var text = Q?.Trim();
        if (string.IsNullOrEmpty(text) || IsNumberSearch(text))
        {
            return;
        }
        var words = QueryWords(text);
        var counts = new List<int>(words.Count);
        var smallest = commonWord;
        var rarest = int.MaxValue;
        for (var i = 0; i < words.Count; i++)
        {
            if (IsShortExtra(i, words[i]))
            {
                counts.Add(int.MaxValue);
                continue;
            }
            var n = await Candidates(db, words[i]).Take(smallest + 1).CountAsync(ct);
            counts.Add(n);
            rarest = Math.Min(rarest, n);
            smallest = Math.Min(smallest, n);
        }
        // A walk: one common word (very short extra words are checked on each file anyway), the
        // first page newest first, and a scope whose files are read in id order — a region's
        // through its (RegionId, Id) index, the country's through the key; a director's few
        // apprentices are listed from the centre's enrolments instead.
        var walk = words.Where((w, i) => !IsShortExtra(i, w)).Count() == 1 && rarest > commonWord
            && Sort == MigrantSort.Recent && After is null && Before is null
            && scope.Kind is Infrastructure.Auth.ScopeKind.Region or Infrastructure.Auth.ScopeKind.National or Infrastructure.Auth.ScopeKind.System;
        // A director's files are their centre's few hundred apprentices (ForScope lists them from
        // the centre's enrolments): each is checked through its own tokens, no word's candidates listed.
        var apprentices = scope.Kind == Infrastructure.Auth.ScopeKind.Centre && scope.CentreId is not null;
        plan = new SearchPlan(counts, walk, scope.Kind == Infrastructure.Auth.ScopeKind.Region ? scope.RegionId : null, walked, apprentices);
    }

    /// <summary>
    /// The list's page of this search in the user's scope, and the query it came from (for a
    /// later page's count). A walk (see <see cref="WalkedFiles"/>) that finds less than a first
    /// page and its count is made again from the word's candidates: the same ids either way.
    /// </summary>
    public async Task<(IQueryable<Migrant> Query, MigrantPaging.Page Page)> PageAsync(AppDbContext db, Infrastructure.Auth.AccessScope scope,
        int currentYear, bool sensitive, int size, CancellationToken ct)
    {
        var query = ForScope(Apply(db, currentYear, sensitive), db, scope);
        var page = await MigrantPaging.PageAsync(db, query, this, size, ct);
        if (Walks && page.Count is not { More: true })
        {
            StopWalking();
            query = ForScope(Apply(db, currentYear, sensitive), db, scope);
            page = await MigrantPaging.PageAsync(db, query, this, size, ct);
        }
        return (query, page);
    }

    private static IQueryable<Migrant> ApplyPlanned(AppDbContext db, IQueryable<Migrant> query, List<NameKey.QueryWord> words, SearchPlan p)
    {
        var driver = -1;
        for (var i = 0; i < words.Count; i++)
        {
            if (!IsShortExtra(i, words[i]) && (driver < 0 || p.Counts[i] < p.Counts[driver]))
            {
                driver = i;
            }
        }
        if (driver < 0)
        {
            return query;
        }
        var walk = p.Walk;
        if (walk)
        {
            // The scope's newest files (a region's: the same rows as the row-scope filter, stated
            // so that the database reads them from the (RegionId, Id) index in order), then each checked.
            if (p.ScopeRegionId is { } region)
            {
                query = query.Where(m => m.RegionId == region);
            }
            query = query.OrderByDescending(m => m.Id).TakeConstant(p.WalkedFiles);
        }
        for (var i = 0; i < words.Count; i++)
        {
            if (IsShortExtra(i, words[i]))
            {
                // As unplanned: a very short extra word is a same-script prefix only.
                var from = Limit(words[i].Phonetic);
                var to = NameKey.PrefixUpperBound(from);
                query = query.Where(m => m.NameTokens.Any(t => string.Compare(t.Token, from) >= 0 && string.Compare(t.Token, to) < 0));
            }
            else if (i == driver && !walk && !p.ProbeAll)
            {
                var ids = Candidates(db, words[i]);
                query = query.Where(m => ids.Contains(m.Id));
            }
            else
            {
                query = Probe(query, words[i]);
            }
        }
        return query;
    }

    private static bool IsNumberSearch(string text) => text.Any(char.IsAsciiDigit) && !text.Contains(' ', StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{2,5}-[0-9]{4}-[0-9]{6}$")]
    private static partial System.Text.RegularExpressions.Regex WholeFileNumber();

    private static string Limit(string token) =>
        token.Length > MigrantNameToken.TokenMaxLength ? token[..MigrantNameToken.TokenMaxLength] : token;
}
