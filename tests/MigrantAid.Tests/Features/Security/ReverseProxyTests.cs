using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

/// <summary>Production as deployed: behind a TLS proxy at 10.0.0.5, public name migrantaid.entraide.ma.</summary>
public sealed class ProxiedProductionAppFactory : AppFactory
{
    public const string Proxy = "10.0.0.5";
    public const string PublicHost = "migrantaid.entraide.ma";

    public ProxiedProductionAppFactory()
    {
        EnvironmentName = "Production";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ReverseProxy:KnownProxies:0", Proxy);
        builder.UseSetting("AllowedHosts", PublicHost + ";localhost");
    }
}

public sealed class ReverseProxyTests(ProxiedProductionAppFactory app) : IClassFixture<ProxiedProductionAppFactory>
{
    private const string Password = "un matin calme a Rabat 2026";
    private const string Client = "198.51.100.23";

    /// <summary>A client whose requests arrive from <paramref name="from"/> over plain HTTP, saying the client used HTTPS.</summary>
    private HttpClient ClientFrom(string from, string host = ProxiedProductionAppFactory.PublicHost)
    {
        var client = new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(from)))
        {
            BaseAddress = new Uri($"http://{host}/"),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Client);
        return client;
    }

    [Fact]
    public async Task Through_the_trusted_proxy_the_cookies_are_Secure_HSTS_is_sent_and_the_client_address_is_audited()
    {
        var (login, signIn) = await SignInAsync(ClientFrom(ProxiedProductionAppFactory.Proxy));
        Assert.Equal("max-age=31536000", login.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains(CookiesOf(login), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) && IsSecure(c));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(CookiesOf(signIn), c => c.StartsWith("MigrantAid.Session=", StringComparison.Ordinal) && IsSecure(c));
        Assert.Equal(Client, await LastSignInAddressAsync());
    }

    [Fact]
    public async Task The_same_headers_from_anyone_else_are_ignored()
    {
        const string stranger = "203.0.113.7";
        var (login, signIn) = await SignInAsync(ClientFrom(stranger));
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(CookiesOf(login), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) && !IsSecure(c));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(CookiesOf(signIn), c => c.StartsWith("MigrantAid.Session=", StringComparison.Ordinal) && !IsSecure(c));
        Assert.Equal(stranger, await LastSignInAddressAsync());
    }

    [Fact]
    public async Task A_host_name_that_is_not_allowed_is_refused_before_anything_is_built_from_it()
    {
        var refused = await ClientFrom(ProxiedProductionAppFactory.Proxy, "evil.example").GetAsync("/Migrants");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);

        var allowed = await ClientFrom(ProxiedProductionAppFactory.Proxy).GetAsync("/Migrants");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal(ProxiedProductionAppFactory.PublicHost, allowed.Headers.Location!.Host);
    }

    [Fact]
    public async Task HTTPS_without_a_proxy_gets_a_one_year_HSTS_header_too()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"https://{ProxiedProductionAppFactory.PublicHost}/"), AllowAutoRedirect = false,
        });
        var response = await client.GetAsync("/Account/Login");
        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    private async Task<(HttpResponseMessage Login, HttpResponseMessage SignIn)> SignInAsync(HttpClient client)
    {
        var email = $"{Guid.NewGuid():N}@migrantaid.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Test", CreatedAt = TimeProvider.System.GetUtcNow() };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.SocialWorker);
        }
        var login = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var antiforgery = CookiesOf(login).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = Password,
                ["__RequestVerificationToken"] = ShippedProductionSettingsTests.LoginFormToken(await login.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        return (login, await client.SendAsync(post));
    }

    private async Task<string?> LastSignInAddressAsync() => await app.WithDbAsync(db => db.AuditEntries
        .Where(a => a.Action == AuditAction.SignIn).OrderByDescending(a => a.Id).Select(a => a.ClientAddress).FirstAsync());

    private static IEnumerable<string> CookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Any(p => p.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Production with its shipped settings, on a real Kestrel port (TestServer sends no Server header of its own).</summary>
public sealed class KestrelProductionApp : IAsyncLifetime
{
    public AppFactory App { get; } = new() { EnvironmentName = "Production" };
    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        Client = new HttpClient { BaseAddress = new Uri(address) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class ShippedProductionSettingsTests(KestrelProductionApp production) : IClassFixture<KestrelProductionApp>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await production.Client.SendAsync(request);
    }

    [Fact]
    public async Task Responses_do_not_name_the_web_server()
    {
        var response = await GetAsync("/health/live", "localhost");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(", ", response.Headers.Server));
    }

    [Fact]
    public async Task A_host_name_outside_AllowedHosts_gets_400()
    {
        var response = await GetAsync("/Account/Login", "evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    /// <summary>The sign-in form's own token (this test sends the request by hand to set the proxy's headers).</summary>
    internal static string LoginFormToken(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll("form")
            .Single(f => f.QuerySelector("input[name=Password]") is not null)
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
