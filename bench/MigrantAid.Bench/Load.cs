using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MigrantAid.Bench;

/// <summary>Many signed-in users at once: a think-time load (mixed reads and writes) and a saturation run per request kind.</summary>
internal sealed class Load(ScenarioRunner runner, Fixtures fixtures)
{
    private sealed record Action(string Name, double Weight, Func<HttpClient, Random, Task<HttpResponseMessage>> Send, bool Write = false);

    private List<Action> ActionsFor(string account) => account switch
    {
        Accounts.Social or Accounts.SocialTanger =>
        [
            new("name search", 30, (c, r) => c.GetAsync($"/Migrants?q={Uri.EscapeDataString(ScenarioRunner.NameQueries[r.Next(ScenarioRunner.NameQueries.Length)])}")),
            new("file-number search", 20, (c, r) => c.GetAsync($"/Migrants?q={fixtures.FileNumbers[r.Next(fixtures.FileNumbers.Length)]}")),
            new("case file", 30, (c, r) => c.GetAsync($"/Migrants/Details/{CaseFilesOf(account)[r.Next(CaseFilesOf(account).Length)]}")),
            new("migrant list", 10, (c, _) => c.GetAsync("/Migrants")),
            new("registration", 10, (c, _) => runner.Register(c), Write: true),
        ],
        Accounts.Director =>
        [
            new("director home", 30, (c, _) => c.GetAsync("/")),
            new("risk list", 20, (c, _) => c.GetAsync("/Enrolments/Risk")),
            new("attendance grid", 20, (c, _) => c.GetAsync("/Attendance")),
            new("enrolments", 20, (c, _) => c.GetAsync("/Enrolments")),
            new("migrants", 10, (c, _) => c.GetAsync("/Migrants")),
        ],
        _ =>
        [
            new("dashboard", 40, (c, _) => c.GetAsync("/Dashboard")),
            new("enrolments", 30, (c, _) => c.GetAsync("/Enrolments")),
            new("risk list", 30, (c, _) => c.GetAsync("/Enrolments/Risk")),
        ],
    };

    private int[] CaseFilesOf(string account) => account == Accounts.SocialTanger ? fixtures.TangerCaseFiles : fixtures.CaseFiles;

    /// <summary>N users (social workers of two regions 60 %, directors, regional and national managers) each acting then thinking about <paramref name="think"/>.</summary>
    public async Task<(Result Result, int Errors, int Requests, double PerSecond)> RunAsync(int users, TimeSpan think, TimeSpan duration)
    {
        string[] mix = [Accounts.Social, Accounts.Social, Accounts.SocialTanger, Accounts.Social, Accounts.SocialTanger, Accounts.Social, Accounts.Director, Accounts.Director, Accounts.Regional, Accounts.Regional]; // national roles sign in with a one-time code: one per 30 s
        Console.WriteLine($"load: signing in {users} users...");
        var clients = new List<(HttpClient Client, string Account)>();
        for (var u = 0; u < users; u++)
        {
            var client = runner.NewClient();
            await Http.SignInAsync(client, mix[u % mix.Length]);
            clients.Add((client, mix[u % mix.Length]));
        }
        var times = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var end = Stopwatch.StartNew();
        Console.WriteLine($"load: {users} users, think {think.TotalSeconds:N0} s, {duration.TotalSeconds:N0} s");
        await Task.WhenAll(clients.Select((c, u) => Task.Run(async () =>
        {
            var random = new Random(u);
            var actions = ActionsFor(c.Account);
            var total = actions.Sum(a => a.Weight);
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * think.TotalMilliseconds));
            while (end.Elapsed < duration)
            {
                var pick = random.NextDouble() * total;
                var action = actions.First(a => (pick -= a.Weight) < 0);
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await action.Send(c.Client, random);
                    await response.Content.ReadAsByteArrayAsync();
                    if ((int)response.StatusCode >= 400 || (action.Write && response.StatusCode != System.Net.HttpStatusCode.Redirect))
                    {
                        errors.Add($"{action.Name}: {(int)response.StatusCode}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException)
                {
                    // A client time-out (TaskCanceledException) is an error of the run, counted, not the end of the process.
                    errors.Add($"{action.Name}: {e.GetType().Name} {e.Message}");
                }
                times.Add(watch.Elapsed.TotalMilliseconds);
                await Task.Delay(TimeSpan.FromMilliseconds(think.TotalMilliseconds * (0.5 + random.NextDouble())));
            }
        })));
        var elapsed = end.Elapsed.TotalSeconds;
        foreach (var group in errors.GroupBy(e => e).Take(10))
        {
            Console.WriteLine($"  error ×{group.Count()}: {group.Key}");
        }
        var list = times.ToList();
        var result = ScenarioRunner.Summarise($"{users} signed-in users with {think.TotalSeconds:N0} s think time (≈ {users / think.TotalSeconds:N0} req/s mixed reads and writes), {duration.TotalSeconds:N0} s",
            list, [], 250, string.Create(CultureInfo.InvariantCulture, $"{list.Count} requests, {list.Count / elapsed:N1} req/s, {errors.Count} errors"));
        return (result, errors.Count, list.Count, list.Count / elapsed);
    }

    /// <summary>Throughput of one request kind with <paramref name="connections"/> requests always in flight, for a few seconds.</summary>
    public async Task<Result> SaturateAsync(int connections, TimeSpan duration)
    {
        var client = await runner.ClientAsync(Accounts.Social);
        (string Name, Func<Random, string> Url)[] kinds =
        [
            ("file-number search", r => $"/Migrants?q={fixtures.FileNumbers[r.Next(fixtures.FileNumbers.Length)]}"),
            ("case file", r => $"/Migrants/Details/{fixtures.CaseFiles[r.Next(fixtures.CaseFiles.Length)]}"),
            ("name search", r => $"/Migrants?q={Uri.EscapeDataString(ScenarioRunner.NameQueries[r.Next(ScenarioRunner.NameQueries.Length)])}"),
        ];
        var parts = new List<string>();
        var all = new List<double>();
        foreach (var (name, url) in kinds)
        {
            var times = new ConcurrentBag<double>();
            var errors = 0;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(k => Task.Run(async () =>
            {
                var random = new Random(k);
                while (watch.Elapsed < duration)
                {
                    var one = Stopwatch.StartNew();
                    try
                    {
                        using var response = await client.GetAsync(url(random));
                        await response.Content.ReadAsByteArrayAsync();
                        if ((int)response.StatusCode >= 400)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    times.Add(one.Elapsed.TotalMilliseconds);
                }
            })));
            var rate = times.Count / watch.Elapsed.TotalSeconds;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {rate:N0} req/s"));
            all.AddRange(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saturation: {name}: {rate:N0} req/s, {errors} errors, p95 {ScenarioRunner.Percentile([.. times.Order()], 0.95):N0} ms"));
        }
        return ScenarioRunner.Summarise($"saturation throughput, {connections} connections, signed in", all, [], null, string.Join("; ", parts) + " (targets: ≥ 1,200 / 700 / 270 req/s)");
    }
}
