using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;

namespace MigrantAid.Bench;

internal static class Accounts
{
    public const string Admin = "admin@migrantaid.test";
    public const string National = "national@migrantaid.test";
    public const string Regional = "rabat.manager@migrantaid.test";
    public const string Director = "alkari.director@migrantaid.test";
    public const string Social = "rabat.social@migrantaid.test";
    public const string SocialTanger = "tanger.social@migrantaid.test";
    public const string Partner = "partner.eu@migrantaid.test";
    public static readonly string[] All = [Admin, National, Regional, Director, Social, SocialTanger, Partner];
}

/// <summary>One request of a scenario: which account sends it, and how (sample number in, response out).</summary>
internal sealed record Step(string Label, string Account, Func<HttpClient, int, Task<HttpResponseMessage>> Send, Func<HttpClient, Task>? Prepare = null);

/// <summary>A row of the issue's table: its steps share the row's samples round-robin.</summary>
internal sealed record Row(string Name, double TargetP95, List<Step> Steps);

internal sealed record Result(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("p50_ms")] double P50,
    [property: JsonPropertyName("p95_ms")] double P95,
    [property: JsonPropertyName("p99_ms")] double P99,
    [property: JsonPropertyName("sql_p50_ms")] double? SqlP50,
    [property: JsonPropertyName("sql_p95_ms")] double? SqlP95,
    [property: JsonPropertyName("ratio")] double? Ratio,
    [property: JsonPropertyName("target")] string? Target = null,
    [property: JsonPropertyName("note")] string? Note = null);

/// <summary>What the scenarios need from the generated data: files of the social worker's region, a director's centre.</summary>
internal sealed record Fixtures(string[] FileNumbers, string[] DocumentNumbers, int[] CaseFiles, int DirectorCentreId, int RskRegionId, int[] TangerCaseFiles, int BusiestConventionId = 0)
{
    public static Fixtures Load(string path)
    {
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        string Scalar(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        }
        List<string> Column(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (r.Read())
            {
                list.Add(Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);
            }
            return list;
        }
        var rsk = int.Parse(Scalar("SELECT Id FROM Regions WHERE Code = 'RSK'"), CultureInfo.InvariantCulture);
        var total = long.Parse(Scalar("SELECT MAX(Id) FROM Migrants"), CultureInfo.InvariantCulture);
        var step = Math.Max(1, total / 400);
        var files = Column($"SELECT FileNumber FROM Migrants WHERE RegionId = {rsk} AND Id % {step} = 0 LIMIT 200");
        var documents = Column($"SELECT COALESCE(ResidenceCardNumber, UnhcrNumber) FROM Migrants WHERE RegionId = {rsk} AND Id % {step} = 1 AND COALESCE(ResidenceCardNumber, UnhcrNumber) IS NOT NULL LIMIT 100");
        var cases = Column($"SELECT Id FROM Migrants WHERE RegionId = {rsk} AND MergedIntoId IS NULL AND Id % {step} = 2 LIMIT 200").Select(int.Parse).ToArray();
        var centre = int.Parse(Scalar("SELECT TrainingCentreId FROM AspNetUsers WHERE Email = 'alkari.director@migrantaid.test'"), CultureInfo.InvariantCulture);
        // The Tanger social worker opens files of their own region (a Rabat file answers 404 to them, as it should).
        var tta = Scalar("SELECT Id FROM Regions WHERE Code = 'TTA'");
        var tangerCases = tta.Length == 0 ? cases
            : Column($"SELECT Id FROM Migrants WHERE RegionId = {tta} AND MergedIntoId IS NULL AND Id % {step} = 2 LIMIT 200").Select(int.Parse).ToArray();
        // The convention with the most attributed records: its page and donor report are counted live.
        var busiest = Scalar("SELECT PartnerConventionId FROM ConventionAttributions GROUP BY PartnerConventionId ORDER BY COUNT(*) DESC LIMIT 1");
        return new Fixtures([.. files], [.. documents], cases, centre, rsk, tangerCases.Length > 0 ? tangerCases : cases,
            busiest.Length == 0 ? 0 : int.Parse(busiest, CultureInfo.InvariantCulture));
    }
}

internal sealed class ScenarioRunner(BenchApp app, SqlCapture capture, string dbPath)
{
    private readonly Dictionary<string, HttpClient> clients = [];
    private int registrations;
    public List<Result> Pages { get; } = [];
    /// <summary>--dump-sql FILE: the SQL of each step's first sample, for review and EXPLAIN.</summary>
    public string? DumpSql { get; set; }
    /// <summary>--step-budget: time after which a page stops being sampled (at least 5 samples).</summary>
    public TimeSpan StepBudget { get; set; } = TimeSpan.FromMinutes(2);

    public async Task<HttpClient> ClientAsync(string account)
    {
        if (!clients.TryGetValue(account, out var client))
        {
            client = NewClient();
            await Http.SignInAsync(client, account);
            clients[account] = client;
        }
        return client;
    }

    public HttpClient NewClient() => app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static readonly string[] NameQueries = ["aissatou dialo", "Diallo", "mohamed", "MUHAMMAD traore", "kone fatoumata", "عائشة", "ndiaye a", "ديالو محمد", "محمد", "تراوري", "moussa", "zzzz"];

    public List<Row> Rows(Fixtures f) =>
    [
        new("exact file-number or document-number search", 10, [
            new("file number", Accounts.Social, (c, i) => c.GetAsync($"/Migrants?q={Uri.EscapeDataString(f.FileNumbers[i % f.FileNumbers.Length])}")),
            new("document number", Accounts.Social, (c, i) => c.GetAsync($"/Migrants?q={Uri.EscapeDataString(f.DocumentNumbers.Length > 0 ? f.DocumentNumbers[i % f.DocumentNumbers.Length] : "RC00000001")}")),
        ]),
        new("name search, any script", 50, [.. NameQueries.Select(q => new Step(q, Accounts.Social, (c, _) => c.GetAsync($"/Migrants?q={Uri.EscapeDataString(q)}")))]),
        new("case file page (with notes, needs, household, timeline)", 30, [
            new("case file", Accounts.Social, (c, i) => c.GetAsync($"/Migrants/Details/{f.CaseFiles[i % f.CaseFiles.Length]}")),
        ]),
        new("registration POST (duplicate check + audit)", 100, [
            new("register", Accounts.Social, (c, _) => PostRegistrationAsync(c), PrepareRegistrationAsync),
        ]),
        new("any list page first page, no query (migrants, centres, enrolments, audit)", 50, [
            new("/Migrants social worker", Accounts.Social, (c, _) => c.GetAsync("/Migrants")),
            new("/Migrants director", Accounts.Director, (c, _) => c.GetAsync("/Migrants")),
            new("/Migrants national", Accounts.National, (c, _) => c.GetAsync("/Migrants")),
            new("/Centres", Accounts.National, (c, _) => c.GetAsync("/Centres")),
            new("/Enrolments director", Accounts.Director, (c, _) => c.GetAsync("/Enrolments")),
            new("/Enrolments regional", Accounts.Regional, (c, _) => c.GetAsync("/Enrolments")),
            new("/Admin/Audit", Accounts.Admin, (c, _) => c.GetAsync("/Admin/Audit")),
        ]),
        new("director home, risk list, attendance grid of a 300-apprentice centre", 100, [
            new("director home", Accounts.Director, (c, _) => c.GetAsync("/")),
            new("risk list director", Accounts.Director, (c, _) => c.GetAsync("/Enrolments/Risk")),
            new("risk list regional", Accounts.Regional, (c, _) => c.GetAsync("/Enrolments/Risk")),
            new("risk list national, one region", Accounts.National, (c, _) => c.GetAsync($"/Enrolments/Risk?regionId={f.RskRegionId}")),
            new("attendance grid", Accounts.Director, (c, _) => c.GetAsync("/Attendance")),
        ]),
        new("every dashboard (dashboards issue)", 100, [
            new("national", Accounts.National, (c, _) => c.GetAsync("/Dashboard")),
            new("regional", Accounts.Regional, (c, _) => c.GetAsync("/Dashboard")),
            new("director", Accounts.Director, (c, _) => c.GetAsync("/Dashboard")),
            new("national, one region", Accounts.National, (c, _) => c.GetAsync($"/Dashboard?regionId={f.RskRegionId}")),
        ]),
        new("convention indicators, national view and partner home (dashboard target)", 100, [
            new("/Conventions/Overview national", Accounts.National, (c, _) => c.GetAsync("/Conventions/Overview")),
            new("partner home", Accounts.Partner, (c, _) => c.GetAsync("/")),
            new("national home", Accounts.National, (c, _) => c.GetAsync("/")),
            new("regional home", Accounts.Regional, (c, _) => c.GetAsync("/")),
        ]),
        // One convention, counted live from its attributed records (exact figures, frozen when sent), held to the dashboard target.
        new("convention page and donor report, live (busiest convention, dashboard target)", 100, [
            new("/Conventions/Details national", Accounts.National, (c, _) => c.GetAsync($"/Conventions/Details/{f.BusiestConventionId}")),
            new("/Conventions/Report partner", Accounts.Partner, (c, _) => c.GetAsync($"/Conventions/Report/{f.BusiestConventionId}")),
        ]),
    ];

    private (string Target, FormUrlEncodedContent Content)? prepared;

    private async Task PrepareRegistrationAsync(HttpClient client) => prepared = await Http.PrepareAsync(client, "/Migrants/Create", "/Migrants/Create", RegistrationFields());

    private async Task<HttpResponseMessage> PostRegistrationAsync(HttpClient client)
    {
        var (target, content) = prepared ?? throw new InvalidOperationException("no prepared registration");
        var response = await client.PostAsync(target, content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"registration was not accepted: {(int)response.StatusCode} {Regex.Match(await response.Content.ReadAsStringAsync(), "invalid-feedback[^>]*>([^<]+)").Groups[1].Value}");
        }
        return response;
    }

    /// <summary>Registers a new file through the form, with a name no one else has (no duplicate warning).</summary>
    public Task<HttpResponseMessage> Register(HttpClient client) => Http.SubmitAsync(client, "/Migrants/Create", "/Migrants/Create", RegistrationFields());

    /// <summary>
    /// A name of this run: the run's own random stem (a second run on the same file would
    /// otherwise register the first run's names again and get the duplicate warning, a 200) and
    /// the registration's number spelt in consonants the name key keeps apart.
    /// </summary>
    private static readonly string RunStem = Consonants(Random.Shared.NextInt64(0, 15L * 15 * 15 * 15 * 15 * 15 * 15 * 15 * 15));

    private Dictionary<string, string> RegistrationFields()
    {
        var n = Interlocked.Increment(ref registrations);
        var name = "Bench" + RunStem + Consonants(n);
        return new Dictionary<string, string>
        {
            ["FamilyName"] = name, ["GivenName"] = "Awa", ["Sex"] = "Female", ["BirthYear"] = "1995", ["NationalityCode"] = "SN",
            ["Phone"] = $"07{n % 100_000_000:D8}", ["ConsentGiven"] = "true", ["ConsentScope"] = "Suivi social", ["AdministrativeStatus"] = "Unknown",
            ["EducationLevel"] = "Unknown",
        };
    }

    private static string Consonants(long n)
    {
        // One syllable per base-15 digit: a consonant the phonetic name key keeps as it is (no
        // c, q, x, z, h) and a vowel between, so that no two consonants fold into one.
        const string letters = "bdfgjklmnprstvw";
        var s = "";
        for (n = Math.Abs(n); n > 0 || s.Length < 8; n /= letters.Length)
        {
            s = letters[(int)(n % letters.Length)] + "a" + s;
        }
        return s;
    }

    /// <summary>Runs a row: warm-up, then samples round-robin over its steps, each page timed, then its captured SQL replayed.</summary>
    public async Task<Result> RunAsync(Row row, int samples)
    {
        var pageTimes = new List<double>();
        var sqlTimes = new List<double>();
        double cpuPages = 0, cpuSql = 0;
        var perStep = (int)Math.Ceiling(samples / (double)row.Steps.Count);
        foreach (var step in row.Steps)
        {
            var (pages, sqls) = await RunStepAsync(step, perStep);
            var (stepCpuPage, stepCpuSql) = LastCpu;
            cpuPages += stepCpuPage * pages.Count;
            cpuSql += stepCpuSql * pages.Count;
            pageTimes.AddRange(pages);
            sqlTimes.AddRange(sqls);
            Pages.Add(Summarise($"{row.Name} — {step.Label}", pages, sqls, null));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {step.Label}: p50 {Percentile([.. pages.Order()], 0.5):N1} ms, SQL p50 {Percentile([.. sqls.Order()], 0.5):N1} ms; CPU per request: page {stepCpuPage:N2} ms, its SQL {stepCpuSql:N2} ms, app {stepCpuPage - stepCpuSql:N2} ms"));
        }
        var n = Math.Max(1, pageTimes.Count);
        return Summarise(row.Name, pageTimes, sqlTimes, row.TargetP95,
            string.Create(CultureInfo.InvariantCulture, $"CPU per request (process, all threads): page {cpuPages / n:N2} ms, its SQL {cpuSql / n:N2} ms, app {(cpuPages - cpuSql) / n:N2} ms"));
    }

    /// <summary>
    /// CPU time of the process per sample of the last step: the page (all threads: the app, its
    /// SQLite calls, the in-process client) and the replay of its SQL. Unlike wall time, it does
    /// not count waiting for a core on a machine shared with other work.
    /// </summary>
    public (double Page, double Sql) LastCpu { get; private set; }

    private static double CpuMilliseconds()
    {
        var usage = System.Diagnostics.Process.GetCurrentProcess();
        usage.Refresh();
        return usage.TotalProcessorTime.TotalMilliseconds;
    }

    public async Task<(List<double> Pages, List<double> Sql)> RunStepAsync(Step step, int samples, int warmUp = 2)
    {
        var client = await ClientAsync(step.Account);
        var pages = new List<double>();
        var captured = new List<List<CapturedCommand>>();
        var spent = Stopwatch.StartNew();
        double cpuPage = 0;
        for (var i = 0; i < samples + warmUp; i++)
        {
            if (pages.Count >= 5 && spent.Elapsed > StepBudget)
            {
                // A page that takes seconds would hold the run for many minutes: fewer samples, reported as such (n).
                break;
            }
            if (step.Prepare is { } prepare)
            {
                await prepare(client);
            }
            capture.Start();
            var cpuBefore = CpuMilliseconds();
            var watch = Stopwatch.StartNew();
            using var response = await step.Send(client, i);
            await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            var cpuAfter = CpuMilliseconds();
            var commands = capture.Stop();
            if ((int)response.StatusCode >= 400)
            {
                throw new InvalidOperationException($"{step.Label} ({step.Account}): {(int)response.StatusCode}");
            }
            if (i >= warmUp)
            {
                pages.Add(watch.Elapsed.TotalMilliseconds);
                captured.Add(commands);
                cpuPage += cpuAfter - cpuBefore;
            }
        }
        if (DumpSql is not null)
        {
            await File.AppendAllTextAsync(DumpSql, $"==== {step.Label} ({step.Account})\n" + string.Join("\n", captured[0].Select(c =>
                c.Text + "\n  -- " + string.Join(", ", c.Parameters.Select(p => $"{p.Name}={p.Value}")) + "\n")) + "\n");
        }
        using var replay = new SqlReplay(dbPath);
        replay.Run(captured[0]); // warm-up: the statements are compiled once, as the app's pooled connection has them cached
        var cpuSqlBefore = CpuMilliseconds();
        var sqls = captured.Select(replay.Run).ToList();
        LastCpu = (cpuPage / Math.Max(1, pages.Count), (CpuMilliseconds() - cpuSqlBefore) / Math.Max(1, pages.Count));
        return (pages, sqls);
    }

    public static Result Summarise(string name, List<double> pages, List<double> sqls, double? target, string? note = null)
    {
        pages.Sort();
        sqls.Sort();
        double? sqlP50 = sqls.Count > 0 ? Percentile(sqls, 0.5) : null;
        var p50 = Percentile(pages, 0.5);
        return new Result(name, pages.Count, Round(p50), Round(Percentile(pages, 0.95)), Round(Percentile(pages, 0.99)),
            sqlP50 is { } s ? Round(s) : null, sqls.Count > 0 ? Round(Percentile(sqls, 0.95)) : null,
            sqlP50 is > 0 ? Math.Round(p50 / sqlP50.Value, 2) : null, target is { } t ? $"p95 ≤ {t} ms" : null, note);
    }

    public static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    public static double Round(double v) => Math.Round(v, 2);

    /// <summary>
    /// Every page each role reaches: from the home page, the links of the navigation and of each
    /// page found, two levels deep, one URL per shape (numbers folded), downloads and sign-out left out.
    /// </summary>
    public async Task<List<Step>> CrawlAsync(string account, int maxPages)
    {
        var client = await ClientAsync(account);
        var seen = new HashSet<string>();
        var steps = new List<Step>();
        var queue = new Queue<(string Url, int Depth)>();
        queue.Enqueue(("/", 0));
        var parser = new HtmlParser();
        while (queue.Count > 0 && steps.Count < maxPages)
        {
            var (url, depth) = queue.Dequeue();
            if (!seen.Add(Shape(url)))
            {
                continue;
            }
            using var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            steps.Add(new Step($"{account.Split('@')[0]} GET {url}", account, (c, _) => c.GetAsync(url)));
            if (depth >= 2)
            {
                continue;
            }
            var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal)))
            {
                if (Regex.IsMatch(href, "(Logout|Language|Export|Download|format=|/lib/|/css/|/js/|page=|Print)", RegexOptions.IgnoreCase) || seen.Contains(Shape(href)))
                {
                    continue;
                }
                queue.Enqueue((href.Split('#')[0], depth + 1));
            }
        }
        return steps;
    }

    private static string Shape(string url) => Regex.Replace(url.Split('#')[0], "[0-9]+", "9");
}
