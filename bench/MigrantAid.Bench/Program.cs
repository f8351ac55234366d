// MigrantAid benchmark: generates a large registry in a SQLite file (files, notes, needs,
// households, enrolments with placements and monthly attendance, audit entries, activities,
// distributions, convention attributions), then times every row of issue 13's table and every
// page of every role through the real app (WebApplicationFactory's in-process server, signed in),
// with the SQL each page ran replayed on the same file in the same run.
// Usage: see bench/README.md.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MigrantAid.Bench;

internal static class BenchMain
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> Main(string[] args)
    {
        var migrants = IntArg("--migrants", 1_000_000);
        var samples = IntArg("--samples", 100);
        var pageSamples = IntArg("--page-samples", samples);
        var folder = StringArg("--data", null) ?? Path.Combine(Path.GetTempPath(), "migrantaid-bench");
        var json = StringArg("--json", null);
        var shape = new GeneratorShape(EnrolmentShare: DoubleArg("--enrolment-share", 0.2), AuditPerMigrant: IntArg("--audit-per-migrant", 2));
        Directory.CreateDirectory(folder);
        var dbPath = Path.Combine(folder, "migrantaid.db");
        Console.WriteLine($"MigrantAid bench: {migrants:N0} migrants in {dbPath}, {samples} samples per row, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        // The bench is outside the solution, so tell WebApplicationFactory where the app's content root is.
        static string? FindRoot(string? dir)
        {
            while (dir is not null && !File.Exists(Path.Combine(dir, "MigrantAid.sln")))
            {
                dir = Path.GetDirectoryName(dir.TrimEnd('/'));
            }
            return dir;
        }
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("run the bench from the repository (MigrantAid.sln not found)");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MIGRANTAID_WEB", Path.Combine(root, "src", "MigrantAid.Web"));

        var capture = new SqlCapture();
        var generated = 0L;
        {
            // First start: migrate and seed reference and demo data; then generate what is missing, with no app running.
            using (var seedApp = new BenchApp(folder, capture))
            {
                await seedApp.WithDbAsync(_ => Task.CompletedTask);
            }
            generated = await Generator.DoneAsync(dbPath);
            if (generated < migrants)
            {
                var watch = Stopwatch.StartNew();
                await Generator.FillAsync(dbPath, (int)generated, migrants, shape);
                Console.WriteLine($"generated {migrants - generated:N0} files and their records in {watch.Elapsed.TotalSeconds:N0} s; planner statistics (ANALYZE)...");
                SqliteConnection.ClearAllPools();
                generated = migrants;
            }
        }
        if (args.Contains("--generate-only"))
        {
            return 0;
        }
        if (generated > migrants)
        {
            Console.WriteLine($"note: the file already holds {generated:N0} generated files (more than --migrants); using it as it is");
        }

        // Start the app again on the filled file: start-up refreshes the planner statistics, as it would in production.
        var startedAt = DateTimeOffset.UtcNow;
        var startWatch = Stopwatch.StartNew();
        using var app = new BenchApp(folder, capture);
        await app.WithDbAsync(_ => Task.CompletedTask);
        Console.WriteLine($"app started in {startWatch.Elapsed.TotalSeconds:N1} s");
        Console.WriteLine(Counts(dbPath));

        // The dashboards read summary rows rebuilt in the background, from start-up then every few
        // minutes: wait for the start-up rebuild (or run one if none is under way) so that the
        // pages are timed on figures, and say how long a full rebuild took.
        {
            var refreshWatch = Stopwatch.StartNew();
            var trigger = app.Services.GetRequiredService<MigrantAid.Web.Features.Dashboard.FiguresTrigger>();
            var next = trigger.NextRun;
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<MigrantAid.Web.Infrastructure.Auth.CurrentUser>().EnterSystemScope("bench: read when the dashboard figures were refreshed");
            var db = scope.ServiceProvider.GetRequiredService<MigrantAid.Web.Data.AppDbContext>();
            // The start-up run is under way (or done): wait for it. Asking for one more while it ran
            // queued a second full rebuild that overlapped the timed rows (and its SQL was counted in theirs).
            var idle = trigger.TryEnter();
            if (idle)
            {
                trigger.Exit();
            }
            if (!idle || await db.DashboardFigureRefreshes.AsNoTracking().Where(x => x.Id == 1).Select(x => (DateTimeOffset?)x.RefreshedAt).SingleOrDefaultAsync() is not { } done || done < startedAt)
            {
                await next;
            }
            var refresh = await db.DashboardFigureRefreshes.AsNoTracking().SingleAsync(x => x.Id == 1);
            Console.WriteLine($"dashboard figures: a full refresh took {refresh.DurationMs / 1000.0:N1} s ({refresh.Rows:N0} summary rows; waited {refreshWatch.Elapsed.TotalSeconds:N1} s)");
        }

        if (args.Contains("--explain"))
        {
            await Explain.PrintAsync(dbPath, ScenarioRunner.NameQueries);
            return 0;
        }

        foreach (var account in new[] { Accounts.Admin, Accounts.National })
        {
            Http.AuthenticatorKeys[account] = await app.EnableTwoFactorAsync(account);
        }
        var fixtures = Fixtures.Load(dbPath);
        var runner = new ScenarioRunner(app, capture, dbPath) { DumpSql = StringArg("--dump-sql", null), StepBudget = Duration(StringArg("--step-budget", "120s")!) };
        var results = new List<Result>();

        if (!args.Contains("--load") && !args.Contains("--saturation"))
        {
            // --only "name search,director": the rows whose name contains one of the words (case-insensitive); the export,
            // import and crawl then run only when their own word is given ("export", "import", "pages").
            var only = StringArg("--only", null)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            bool Wanted(string name) => only is null || only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase));
            foreach (var row in runner.Rows(fixtures).Where(r => Wanted(r.Name)))
            {
                var result = await runner.RunAsync(row, samples);
                results.Add(result);
                Console.WriteLine(Line(result));
            }
            // The app's own cost: page minus its SQL at p50, over every row measured above.
            var measured = results.Where(r => r.SqlP50 is not null).ToList();
            var overhead = measured.Select(r => r.P50 - r.SqlP50!.Value).Order().ToList();
            var worst = measured.Where(r => r.SqlP50 > 5).OrderByDescending(r => r.Ratio).FirstOrDefault();
            results.Add(new Result("the app's own cost: page time minus the raw SQL it runs (same file, same run), p50", measured.Count,
                ScenarioRunner.Round(ScenarioRunner.Percentile(overhead, 0.5)), ScenarioRunner.Round(ScenarioRunner.Percentile(overhead, 0.95)), ScenarioRunner.Round(overhead.Count > 0 ? overhead[^1] : 0),
                null, null, worst?.Ratio, "≤ 1.5 ms; page ÷ SQL ≤ 1.5 where SQL > 5 ms",
                $"page − SQL at p50 per row: median {ScenarioRunner.Percentile(overhead, 0.5):N1} ms, largest {(overhead.Count > 0 ? overhead[^1] : 0):N1} ms; largest ratio where SQL > 5 ms: {(worst is null ? "none" : $"{worst.Ratio} ({worst.Name})")}"));
            if (Wanted("CSV export of 1,000,000 rows"))
            {
                results.Add(await ExportAsync(runner));
            }
            // The import adds its rows to the bench file, so it runs after the export (and only when asked).
            var importRows = IntArg("--import", 0);
            if (importRows > 0)
            {
                var importClient = runner.NewClient();
                importClient.Timeout = TimeSpan.FromMinutes(30);
                await Http.SignInAsync(importClient, Accounts.Social);
                results.Add(await ImportBench.RunAsync(importClient, importRows, folder));
            }
            else
            {
                results.Add(new Result("import of 100,000 rows, preview + confirm", 0, 0, 0, 0, null, null, null, "≤ 30 s", "not run: add --import 100000 (the rows are added to the bench file)"));
            }

            if (!args.Contains("--no-pages") && (only is null || Wanted("pages")))
            {
                Console.WriteLine();
                Console.WriteLine("every page of every role:");
                foreach (var account in Accounts.All)
                {
                    foreach (var step in await runner.CrawlAsync(account, IntArg("--max-pages", 40)))
                    {
                        var (pages, sqls) = await runner.RunStepAsync(step, pageSamples);
                        var result = ScenarioRunner.Summarise(step.Label, pages, sqls, null);
                        runner.Pages.Add(result);
                        Console.WriteLine(Line(result));
                    }
                }
            }
        }
        var load = new Load(runner, fixtures);
        if (args.Contains("--load"))
        {
            var (result, _, _, _) = await load.RunAsync(IntArg("--users", 200), Duration(StringArg("--think", "5s")!), Duration(StringArg("--duration", "60s")!));
            results.Add(result);
        }
        if (args.Contains("--saturation"))
        {
            results.Add(await load.SaturateAsync(IntArg("--connections", 50), Duration(StringArg("--saturation-duration", "15s")!)));
        }

        Console.WriteLine();
        Console.WriteLine("| what | n | p50 ms | p95 ms | p99 ms | SQL p50 ms | SQL p95 ms | page ÷ SQL | target | note |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            Console.WriteLine(TableLine(r));
        }
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { scenarios = results, pages = runner.Pages }, JsonOptions));
            Console.WriteLine($"written {json}");
        }
        return 0;

        static string Line(Result r) => string.Create(CultureInfo.InvariantCulture,
            $"  {r.Name}: n {r.N}, p50 {r.P50:N1}, p95 {r.P95:N1}, p99 {r.P99:N1} ms; SQL p50 {r.SqlP50:N1}, p95 {r.SqlP95:N1} ms; ratio {r.Ratio}");

        static string TableLine(Result r) => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Name} | {r.N} | {r.P50:N1} | {r.P95:N1} | {r.P99:N1} | {r.SqlP50:N1} | {r.SqlP95:N1} | {r.Ratio} | {r.Target} | {r.Note} |");

        static async Task<Result> ExportAsync(ScenarioRunner runner)
        {
            // The whole registry as CSV for the national manager, read as a stream; the growth of this
            // process's resident memory (the app runs in it) is the export's footprint.
            var client = await runner.ClientAsync(Accounts.National);
            var times = new List<double>();
            long rows = 0, growth = 0;
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                using var process = Process.GetCurrentProcess();
                var before = process.WorkingSet64;
                var peak = before;
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync("/Migrants/Export?format=csv", HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[81920];
                rows = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    rows += buffer.AsSpan(0, read).Count((byte)'\n');
                    if (rows % 50_000 < 200)
                    {
                        process.Refresh();
                        peak = Math.Max(peak, process.WorkingSet64);
                    }
                }
                times.Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                growth = Math.Max(growth, Math.Max(peak, process.WorkingSet64) - before);
            }
            return ScenarioRunner.Summarise("CSV export of 1,000,000 rows", times, [], null,
                string.Create(CultureInfo.InvariantCulture, $"{rows - 1:N0} rows; RSS growth {growth / 1048576.0:N0} MB (target: streamed, ≤ 200 MB); n is small: one export is the whole registry"));
        }

        static string Counts(string path)
        {
            using var c = new SqliteConnection($"Data Source={path}");
            c.Open();
            var parts = new List<string>();
            foreach (var table in new[] { "Migrants", "CaseNotes", "Needs", "HouseholdMembers", "Enrolments", "HostPlacements", "MonthlyAttendance", "AuditEntries", "IncomeActivities", "AidDistributions", "ConventionAttributions" })
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                parts.Add($"{table} {Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture):N0}");
            }
            return string.Join(", ", parts) + $"; database {new FileInfo(path).Length / 1048576.0:N0} MiB";
        }

        int IntArg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        double DoubleArg(string name, double fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        string? StringArg(string name, string? fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        static TimeSpan Duration(string s) => s.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(s[..^2], CultureInfo.InvariantCulture))
            : s.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(s[..^1], CultureInfo.InvariantCulture))
            : s.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(s[..^1], CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture));
    }
}
