using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright. Locally the
/// browser tests skip with a clear message when Chromium is absent; under CI (CI=true) they
/// fail instead, so a missing install step cannot hide.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;

    // Reports each Content-Security-Policy violation to the console, where the page's log is recorded.
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || document.location.pathname}:${e.lineNumber}`));
        """;

    /// <summary>What each page logged: console messages, CSP violations, script errors, pages served without the CSP.</summary>
    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> logs = new();

    public AppFactory App { get; } = new();
    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
    public static bool ChromiumAvailable => File.Exists(ChromiumPath);

    public async Task InitializeAsync()
    {
        if (!ChromiumAvailable)
        {
            return;
        }
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        Directory.CreateDirectory(ScreenshotFolder);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a page on the app.</summary>
    public async Task<IPage> NewPageAsync(string? locale = "fr-FR", int width = 1280, int height = 900)
    {
        Skip.If(Browser is null && !IsCi, $"Chromium not found at {ChromiumPath}: install Debian's chromium package to run the browser tests.");
        Assert.True(Browser is not null, $"CI=true but Chromium is missing at {ChromiumPath}: .ci/run must install it.");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = width < 600, HasTouch = width < 600,
            // The CSP is enforced, as in a user's browser.
            BypassCSP = false,
        });
        await context.AddInitScriptAsync(ReportViolations);
        // Generous: CI runs the browser tests beside the rest of the suite on two cores.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        var log = logs.GetOrAdd(page, _ => new ConcurrentQueue<string>());
        page.Console += (_, message) => log.Enqueue($"{message.Type}: {message.Text} ({page.Url})");
        page.PageError += (_, error) => log.Enqueue($"error: script error {error} ({page.Url})");
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Url.StartsWith(BaseUrl, StringComparison.Ordinal)
                && !response.Headers.ContainsKey("content-security-policy"))
            {
                log.Enqueue($"error: CSP missing: {response.Url} was served without a Content-Security-Policy");
            }
        };
        return page;
    }

    /// <summary>Everything the page logged so far.</summary>
    public IReadOnlyList<string> LogOf(IPage page) => logs.TryGetValue(page, out var log) ? [.. log] : [];

    /// <summary>Fails on any CSP violation (or page served without the policy) since the page was opened.</summary>
    public void AssertNoCspViolation(IPage page, string name)
    {
        var violations = LogOf(page).Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || m.Contains("CSP violation", StringComparison.Ordinal) || m.Contains("CSP missing", StringComparison.Ordinal)).ToList();
        Assert.True(violations.Count == 0, $"{name}: Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// Keeps a screenshot in the test output and fails on serious or critical axe violations and
    /// on any CSP violation on this page or the pages visited before it.
    /// </summary>
    public async Task CheckPageAsync(IPage page, string name)
    {
        AssertNoCspViolation(page, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: accessibility violations: " + string.Join("; ",
            serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("e-mail|البريد|E-mail", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).FillAsync(email);
        await page.Locator("#Password").FillAsync(MigrantAid.Web.Data.Seed.DemoDataSeeder.DemoPassword);
        await page.Locator("form[action='/Account/Login'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

// Run alone, after the parallel tests: a browser on two shared cores times out under load.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
