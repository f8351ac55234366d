using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Web.Domain;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

/// <summary>
/// The session store answers a session it read a moment ago from memory (issue 13: no database
/// read per request) for <see cref="SessionStore.CacheWindow"/> at most; sign-out, deactivation
/// and a password change still end sessions at once (SignInSecurityTests, PasswordChangeSessionTests).
/// </summary>
public sealed class SessionCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Client, string UserId)> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (client, userId);
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ended_by_another_instance_ends_here_within_the_window()
    {
        var (client, userId) = await SignedInAsync(DemoAccounts.TangerSocial);
        // Another instance (or an operator) deletes the session row: this instance does not know.
        await app.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync());

        // Within the window the remembered session still answers (no database read per request)...
        app.Clock.Advance(SessionStore.CacheWindow - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        // ...and once it has passed, the row is read again: gone, so the session is over.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        AssertSentToSignIn(await client.GetAsync("/"));
    }

    [Fact]
    public async Task An_active_session_still_records_when_it_was_last_seen_once_a_minute()
    {
        var (client, userId) = await SignedInAsync(DemoAccounts.RabatManager);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var lastSeen = await app.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == userId).Select(s => s.LastSeenAt).SingleAsync());
        Assert.Equal(app.Clock.GetUtcNow(), lastSeen);
    }

    [Fact]
    public async Task A_remembered_session_still_ends_after_30_idle_minutes()
    {
        var (client, userId) = await SignedInAsync(DemoAccounts.RabatSocial);
        app.Clock.Advance(SessionStore.IdleTimeout + TimeSpan.FromMinutes(1));
        AssertSentToSignIn(await client.GetAsync("/"));
        Assert.False(await app.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == userId)));
    }

    [Fact]
    public async Task A_changed_security_stamp_still_ends_the_session_at_the_next_check_a_minute_on()
    {
        var (client, userId) = await SignedInAsync(DemoAccounts.PartnerEu);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A change that invalidates the sign-in without ending the sessions itself.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(userId))!);
        }
        // The stamp is checked once a minute (Identity's rule, asked before building its validator).
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        AssertSentToSignIn(await client.GetAsync("/"));
    }
}
