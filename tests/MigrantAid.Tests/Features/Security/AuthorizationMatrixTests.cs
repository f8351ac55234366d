using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

/// <summary>
/// Every controller action of the app, read from its endpoint data source (a new endpoint is
/// covered without editing this test), probed over HTTP as anonymous and as each role: the
/// answer must be the sign-in redirect, 403, or access, exactly as the declared policies say.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Dictionary<string, string> AccountOfRole = new()
    {
        [Roles.Administrator] = DemoAccounts.Admin,
        [Roles.NationalManager] = DemoAccounts.National,
        [Roles.RegionalManager] = DemoAccounts.RabatManager,
        [Roles.CentreDirector] = DemoAccounts.AlkariDirector,
        [Roles.SocialWorker] = DemoAccounts.RabatSocial,
        [Roles.PartnerViewer] = DemoAccounts.PartnerEu,
    };

    private sealed record Probe(string Method, string Url, RouteEndpoint Endpoint);

    private List<Probe> Probes()
    {
        var sources = app.Services.GetRequiredService<EndpointDataSource>();
        return sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var url = "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "code" } => "404",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart pp when e.RoutePattern.RequiredValues.TryGetValue(pp.Name, out var required) => required?.ToString(),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart pp when pp.Default is not null => pp.Default.ToString(),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "999999",
                    _ => "",
                }))));
                return methods.Select(m => new Probe(m, url, e));
            })
            .DistinctBy(p => (p.Method, p.Url))
            .ToList();
    }

    [Fact]
    public void Every_endpoint_declares_a_policy_or_is_explicitly_anonymous()
    {
        var undeclared = Probes().Where(p =>
            p.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null &&
            !p.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(p => $"{p.Method} {p.Url}").ToList();
        Assert.True(undeclared.Count == 0, "endpoints without a declared policy: " + string.Join(", ", undeclared));
        Assert.True(Probes().Count >= 20, "the endpoint data source should list the app's actions");
    }

    [Fact]
    public async Task Anonymous_and_every_role_get_what_the_policies_say()
    {
        var policyProvider = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        var probes = Probes();
        var failures = new List<string>();

        var anonymous = app.CreateBrowserLikeClient();
        foreach (var probe in probes)
        {
            var expectedOpen = probe.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var response = await SendAsync(anonymous, probe);
            var redirectedToSignIn = response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal);
            if (!expectedOpen && !redirectedToSignIn)
            {
                failures.Add($"anonymous {probe.Method} {probe.Url}: {(int)response.StatusCode}, expected the sign-in redirect");
            }
        }

        foreach (var (role, email) in AccountOfRole)
        {
            var client = app.CreateBrowserLikeClient();
            await client.SignInOrFailAsync(email);
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, "probe"), new Claim(ClaimTypes.Role, role)], "probe"));
            foreach (var probe in probes.Where(p => !p.Url.StartsWith("/Account/Logout", StringComparison.Ordinal)))
            {
                var policy = await AuthorizationPolicy.CombineAsync(policyProvider, probe.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
                    ?? await policyProvider.GetFallbackPolicyAsync();
                var allowed = probe.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || policy is null
                    || (await authorization.AuthorizeAsync(principal, policy)).Succeeded;
                var response = await SendAsync(client, probe);
                var status = response.StatusCode;
                var open = probe.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var ok = open ? status != HttpStatusCode.Forbidden
                    : allowed
                    ? status != HttpStatusCode.Forbidden && !(status == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal))
                      && (probe.Method != "POST" || status is HttpStatusCode.BadRequest or HttpStatusCode.Redirect)
                    : status == HttpStatusCode.Forbidden;
                if (!ok)
                {
                    failures.Add($"{role} {probe.Method} {probe.Url}: {(int)status}, expected {(allowed ? "access" : "403")}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData(DemoAccounts.RabatSocial, "/Admin/Users", HttpStatusCode.Forbidden)]
    [InlineData(DemoAccounts.RabatManager, "/Admin/Users", HttpStatusCode.OK)]
    [InlineData(DemoAccounts.RabatManager, "/Admin/Users/Create", HttpStatusCode.Forbidden)]
    [InlineData(DemoAccounts.RabatManager, "/Admin/Audit", HttpStatusCode.Forbidden)]
    [InlineData(DemoAccounts.PartnerEu, "/Centres", HttpStatusCode.Forbidden)]
    [InlineData(DemoAccounts.National, "/Admin/Audit", HttpStatusCode.Forbidden)]
    [InlineData(DemoAccounts.Admin, "/Admin/Audit", HttpStatusCode.OK)]
    public async Task Spot_checks_of_the_role_rules(string email, string url, HttpStatusCode expected)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        Assert.Equal(expected, (await client.GetAsync(url)).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Probe probe) =>
        probe.Method == "POST"
            ? client.PostAsync(probe.Url, new FormUrlEncodedContent(new Dictionary<string, string>()))
            : client.SendAsync(new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url));
}
