using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MigrantAid.Web.Infrastructure.Security;

/// <summary>
/// Production runs behind a TLS reverse proxy (docker-compose.yml: nginx). The proxy's
/// X-Forwarded-Proto and X-Forwarded-For are believed only from the addresses configured in
/// <c>ReverseProxy:KnownProxies</c> (IP addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR):
/// then the request counts as HTTPS (Secure cookies, HSTS) and the audit trail records the
/// client's address. From anyone else the headers are ignored; nothing is trusted by default,
/// not even loopback.
/// </summary>
public static class ReverseProxySetup
{
    public static IServiceCollection AddAppReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            // One proxy in front: only the address it saw is taken from X-Forwarded-For.
            o.ForwardLimit = 1;
        });
        // Secure whenever the request is HTTPS, directly or through a trusted proxy.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }
}
