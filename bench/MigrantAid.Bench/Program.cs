// MigrantAid benchmark: generates a large migrant registry in a SQLite file, then times the
// registry search through the real app (HTTP through WebApplicationFactory's in-process server,
// signed in as a social worker, so the row-scope filter is part of every query).
// Usage: dotnet run -c Release --project bench/MigrantAid.Bench -- [--migrants 1000000] [--data DIR] [--rounds 20]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

internal static class BenchMain
{
    public static readonly string[] Queries =
    [
        "aissatou dialo", "Diallo", "mohamed", "MUHAMMAD traore", "kone fatoumata", "عائشة", "ndiaye a",
        "RSK-2019-00012", "06123", "zzzz-nobody",
    ];

    public static async Task<int> Main(string[] args)
    {
        var migrants = IntArg(args, "--migrants", 1_000_000);
        var rounds = IntArg(args, "--rounds", 20);
        var folder = StringArg(args, "--data", Path.Combine(Path.GetTempPath(), "migrantaid-bench"));
        Directory.CreateDirectory(folder);
        var dbPath = Path.Combine(folder, "migrantaid.db");
        Console.WriteLine($"MigrantAid bench: {migrants:N0} migrants in {dbPath}, {rounds} rounds per query, {Environment.ProcessorCount} cores");

        // The bench is outside the solution, so tell WebApplicationFactory where the app's content root is.
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "MigrantAid.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MIGRANTAID_WEB", Path.Combine(root, "src", "MigrantAid.Web"));
        using var app = new BenchApp(folder);
        await app.WithDbAsync(_ => Task.CompletedTask); // start: migrate and seed reference and demo data
        var existing = await Count(dbPath);
        if (existing < migrants)
        {
            var watch = Stopwatch.StartNew();
            await Generator.FillAsync(dbPath, existing, migrants);
            Console.WriteLine($"generated {migrants - existing:N0} migrants in {watch.Elapsed.TotalSeconds:N0} s");
        }
        Console.WriteLine($"registry: {await Count(dbPath):N0} migrants, database {new FileInfo(dbPath).Length / 1048576.0:N0} MiB");

        if (args.Contains("--explain"))
        {
            await Explain.PrintAsync(dbPath, Queries);
            return 0;
        }
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.Timeout = TimeSpan.FromMinutes(30);
        await SignInAsync(client, "rabat.social@migrantaid.test");
        if (IntArg(args, "--import", 0) is var importRows and > 0)
        {
            await ImportBench.RunAsync(client, importRows, folder);
            return 0;
        }

        var queries = Queries;
        Console.WriteLine();
        Console.WriteLine("| query | rows on first page | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var q in queries)
        {
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < rounds + 2; i++)
            {
                var watch = Stopwatch.StartNew();
                var response = await client.GetAsync($"/Migrants?q={Uri.EscapeDataString(q)}");
                var html = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{q}: {(int)response.StatusCode}");
                }
                if (i >= 2)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds); // two warm-up rounds left out
                }
                rows = Regex.Count(html, "<tr") - 1;
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{q}` | {Math.Max(rows, 0)} | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.95)]:F1} | {times[^1]:F1} |"));
        }
        return 0;
    }


    private static int IntArg(string[] args, string name, int fallback) => IntArgImpl(args, name, fallback);
    private static int IntArgImpl(string[] args, string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    private static string StringArg(string[] args, string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;


    private static async Task<int> Count(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Migrants";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = "MigrantAid-Demo-2026", ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("sign-in failed");
        }
    }

}

internal sealed class BenchApp(string folder) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("DataFolder", folder);
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(folder, "migrantaid.db")}");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(Services);
        await action(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AppDbContext>(scope.ServiceProvider));
    }
}

/// <summary>Deterministic fake registry: names from West and Central Africa in Latin and Arabic script.</summary>
internal static class Generator
{
    private static readonly string[] Family = ["Diallo", "Traoré", "Koné", "Camara", "Ndiaye", "Diop", "Sow", "Bah", "Touré", "Keïta", "Coulibaly", "Sylla", "Cissé", "Fofana", "Sangaré", "Ouédraogo", "Mbaye", "Fall", "Kouassi", "Yao", "Nkemelu", "Okafor", "Mensah", "Tchamba", "Mbarga", "Nguema", "Kabila", "Mukendi", "Ilunga", "Sesay", "Kamara", "Conteh", "Jalloh", "Barry", "Sidibé", "Dembélé", "Konaté", "Doumbia", "Sanogo", "Diakité"];
    private static readonly string[] Given = ["Aïssatou", "Mamadou", "Fatoumata", "Ibrahima", "Mariama", "Ousmane", "Awa", "Moussa", "Kadiatou", "Abdoulaye", "Aminata", "Mohamed", "Mohammed", "Muhammad", "Seydou", "Binta", "Amadou", "Hawa", "Souleymane", "Ramatoulaye", "Cheikh", "Adama", "Oumou", "Boubacar", "Djeneba", "Lamine", "Khadija", "Yacouba", "Salimata", "Issa", "Grace", "Emmanuel", "Blessing", "Joseph", "Esther", "Patrick", "Chantal", "Jean", "Marie", "Christelle"];
    private static readonly string[] FamilyAr = ["ديالو", "تراوري", "كوني", "كامارا", "انجاي", "ديوب", "سو", "با", "توري", "كيتا"];
    private static readonly string[] GivenAr = ["عائشة", "مامادو", "فاطمة", "إبراهيم", "مريم", "عثمان", "حواء", "موسى", "خديجة", "محمد"];
    private static readonly string[] Nationalities = ["GN", "SN", "ML", "CI", "CM", "NG", "CD", "SL", "BF", "GM", "LR", "CG"];

    public static async Task FillAsync(string path, int from, int to)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new SqliteAppDbContext(options);
        var regions = await db.Regions.OrderBy(r => r.Id).Select(r => new { r.Id, r.Code }).ToArrayAsync();
        var countries = await db.Countries.Where(c => Nationalities.Contains(c.Code)).Select(c => c.Id).ToArrayAsync();
        var rsk = regions.Single(r => r.Code == "RSK");

        // Plain INSERTs in one transaction per batch, with the parameters built by EF's own type
        // mappings (enums as text, Guid and dates as EF stores them), so the rows are exactly
        // what the app would write; the search keys come from the app's Migrant.UpdateSearchKeys().
        var migrantType = db.Model.FindEntityType(typeof(Migrant))!;
        var tokenType = db.Model.FindEntityType(typeof(MigrantNameToken))!;
        var columns = migrantType.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty()).ToList();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var random = new Random(from + 2016);
        const int batch = 20_000;
        for (var start = from; start < to; start += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO \"{migrantType.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName()}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))}); SELECT last_insert_rowid();";
            await using var token = connection.CreateCommand();
            token.Transaction = transaction;
            token.CommandText = $"INSERT INTO \"{tokenType.GetTableName()}\" (\"MigrantId\", \"Token\") VALUES ($id, $token)";
            for (var i = start; i < Math.Min(to, start + batch); i++)
            {
                var region = random.NextDouble() < 0.3 ? rsk : regions[random.Next(regions.Length)];
                var arabic = random.NextDouble() < 0.3;
                var m = new Migrant
                {
                    FileNumber = $"{region.Code}-2019-{i:D7}",
                    FamilyName = Family[random.Next(Family.Length)], GivenName = Given[random.Next(Given.Length)],
                    FamilyNameArabic = arabic ? FamilyAr[random.Next(FamilyAr.Length)] : null,
                    GivenNameArabic = arabic ? GivenAr[random.Next(GivenAr.Length)] : null,
                    Sex = random.Next(2) == 0 ? Sex.Female : Sex.Male, BirthYear = 1970 + random.Next(38),
                    NationalityId = countries[random.Next(countries.Length)], RegionId = region.Id,
                    Phone = $"06{random.Next(10_000_000, 99_999_999)}", AdministrativeStatus = (AdministrativeStatus)random.Next(5),
                    ConsentGiven = true, ConsentDate = new DateOnly(2026, 1, 1), CreatedAt = DateTimeOffset.UtcNow,
                };
                m.UpdateSearchKeys();
                insert.Parameters.Clear();
                for (var c = 0; c < columns.Count; c++)
                {
                    var mapping = (Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)columns[c].GetTypeMapping();
                    insert.Parameters.Add(mapping.CreateParameter(insert, $"$p{c}", columns[c].GetGetter().GetClrValue(m), columns[c].IsNullable));
                }
                var id = (long)(await insert.ExecuteScalarAsync())!;
                foreach (var t in m.NameTokens)
                {
                    token.Parameters.Clear();
                    token.Parameters.AddWithValue("$id", id);
                    token.Parameters.AddWithValue("$token", t.Token);
                    await token.ExecuteNonQueryAsync();
                }
            }
            await transaction.CommitAsync();
            Console.Write($"\r  {Math.Min(to, start + batch):N0} / {to:N0}");
        }
        Console.WriteLine();
    }
}

/// <summary>--explain: the SQL of each search as the app builds it for the Rabat social worker, and SQLite's plan.</summary>
internal static class Explain
{
    public static async Task PrintAsync(string path, IEnumerable<string> queries)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [
                new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "bench"),
                new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "SocialWorker"),
                new System.Security.Claims.Claim(MigrantAid.Web.Infrastructure.Auth.AppClaimTypes.RegionId, "4"),
            ], "bench")),
        };
        var user = new MigrantAid.Web.Infrastructure.Auth.CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor { HttpContext = http });
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new SqliteAppDbContext(options, null, user);
        foreach (var q in queries)
        {
            var search = new MigrantAid.Web.Features.Migrants.MigrantSearch { Q = q };
            var query = search.Apply(db, 2026, sensitive: true).OrderByDescending(m => m.Id).Select(m => m.Id).Take(26);
            await using var command = query.CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await command.Connection!.OpenAsync();
            Console.WriteLine($"== {q}");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("   " + reader.GetString(3));
            }
        }
    }
}

/// <summary>
/// --import N: a French-written CSV of N rows (names from the registry's pools, so many possible
/// duplicates at 1M files), uploaded and previewed, then confirmed with the duplicates, through HTTP.
/// </summary>
internal static class ImportBench
{
    public static async Task RunAsync(HttpClient client, int rows, string folder)
    {
        var random = new Random(42);
        string[] family = ["Diallo", "Traoré", "Koné", "Camara", "Ndiaye", "Diop", "Sow", "Bah", "Touré", "Keïta", "Coulibaly", "Sylla", "Cissé", "Fofana"];
        string[] given = ["Aïssatou", "Mamadou", "Fatoumata", "Ibrahima", "Mariama", "Ousmane", "Awa", "Moussa", "Kadiatou", "Abdoulaye", "Aminata", "Mohamed"];
        string[] countries = ["Guinée", "Sénégal", "Mali", "Côte-d'Ivoire", "Cameroun", "SN", "GN", "ML"];
        var csv = new System.Text.StringBuilder("Nom de famille;Prénom;Nom de famille en arabe;Sexe;Date de naissance;Nationalité;Région;Ville;Situation administrative;Consentement recueilli\r\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{family[random.Next(family.Length)]};{given[random.Next(given.Length)]} {i};{(i % 3 == 0 ? "ديالو" : "")};{(i % 2 == 0 ? "F" : "Homme")};{random.Next(1, 28):D2}/{random.Next(1, 13):D2}/{random.Next(1960, 2006)};{countries[random.Next(countries.Length)]};Rabat-Salé-Kénitra;Rabat;Inconnue;oui\r\n");
        }
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv.ToString());
        var path = Path.Combine(folder, $"import-{rows}.csv");
        await File.WriteAllBytesAsync(path, bytes);
        Console.WriteLine($"import file: {rows:N0} rows, {bytes.Length / 1048576.0:N1} MiB ({path})");
        var page = await client.GetStringAsync("/Migrants/Import");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", "import.csv" },
        };
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        var preview = await client.PostAsync("/Migrants/Import", upload);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        var previewTime = watch.Elapsed;
        var summary = Regex.Match(html, "<p role=\"status\">([^<]+)</p>").Groups[1].Value;
        Console.WriteLine($"preview: {(int)preview.StatusCode} in {previewTime.TotalSeconds:N1} s — {summary} {Regex.Match(html, "alert-danger\" role=\"alert\">([^<]+)<").Groups[1].Value}");
        var batch = Regex.Match(html, "name=\"token\" value=\"([^\"]+)\"").Groups[1].Value;
        if (batch.Length == 0 || !html.Contains("/Migrants/Import/Confirm", StringComparison.Ordinal))
        {
            Console.WriteLine("no confirmation offered: nothing to confirm");
            return;
        }
        var confirmToken = Regex.Match(html[html.IndexOf("/Migrants/Import/Confirm", StringComparison.Ordinal)..], "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        watch.Restart();
        var confirm = await client.PostAsync("/Migrants/Import/Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = batch, ["includeDuplicates"] = "true", ["__RequestVerificationToken"] = confirmToken,
        }));
        var confirmTime = watch.Elapsed;
        Console.WriteLine($"confirm: {(int)confirm.StatusCode} {confirm.Headers.Location} in {confirmTime.TotalSeconds:N1} s");
        Console.WriteLine($"preview + confirm: {(previewTime + confirmTime).TotalSeconds:N1} s; process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MiB (before the import {before / 1048576:N0} MiB)");
    }
}
