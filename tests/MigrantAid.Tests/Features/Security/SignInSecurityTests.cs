using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

public sealed partial class SignInSecurityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string GoodPassword = "un matin calme a Rabat 2026";

    private async Task<string> CreateUserAsync(string role, bool mustChange = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{Guid.NewGuid():N}@migrantaid.test";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Test " + role, MustChangePassword = mustChange, CreatedAt = app.Clock.GetUtcNow() };
        var created = await users.CreateAsync(user, GoodPassword);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return email;
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        var email = await CreateUserAsync(Roles.SocialWorker);
        var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.SignInAsync(email, "wrong password number " + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        var locked = await client.SignInAsync(email, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("verrouillé pendant 15 minutes", await locked.ReadTextAsync(), StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == email).Select(a => a.Action).ToListAsync());
        // Four failures, the fifth locks the account, and the right password is refused while locked.
        Assert.Equal(4, audit.Count(a => a == AuditAction.SignInFailed));
        Assert.Equal(2, audit.Count(a => a == AuditAction.LockedOut));
        Assert.DoesNotContain(AuditAction.SignIn, audit);
    }

    [Fact]
    public async Task An_administrator_needs_the_authenticator_code_after_the_password()
    {
        var client = app.CreateBrowserLikeClient();
        var first = await client.SignInAsync(DemoAccounts.Admin);
        Assert.StartsWith("/Account/TwoFactor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // The password alone opens nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Admin/Users")).StatusCode);
        var wrong = await client.SubmitFormAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Contains("Code incorrect ou expiré.", await wrong.ReadTextAsync(), StringComparison.Ordinal);
        var right = await client.SubmitFormAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Code"] = Totp.CurrentCode(MigrantAid.Web.Data.Seed.DemoDataSeeder.DemoAuthenticatorKey) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Users")).StatusCode);
    }

    [GeneratedRegex("data-testid=\"shared-key\">([a-z0-9 ]+)<")]
    private static partial Regex SharedKey();

    [Fact]
    public async Task A_national_manager_without_two_factor_must_set_it_up_before_anything_else()
    {
        var email = await CreateUserAsync(Roles.NationalManager);
        var client = app.CreateBrowserLikeClient();
        var signIn = await client.SignInAsync(email, GoodPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await client.GetAsync("/");
        Assert.Equal("/Account/Authenticator", home.Headers.Location!.OriginalString);

        var setup = await client.GetStringAsync("/Account/Authenticator");
        Assert.Contains("data:image/png;base64,", setup, StringComparison.Ordinal); // QR code rendered by the app itself
        var key = SharedKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotEmpty(key);
        var enabled = await client.SubmitFormAsync("/Account/Authenticator", new Dictionary<string, string> { ["Code"] = Totp.CurrentCode(key) });
        var recovery = await enabled.ReadTextAsync();
        Assert.Contains("Codes de secours", recovery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task After_a_reset_the_user_must_choose_a_new_password_that_is_long_and_not_common()
    {
        var email = await CreateUserAsync(Roles.SocialWorker, mustChange: true);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(email, GoodPassword);
        Assert.Equal("/Account/ChangePassword", (await client.GetAsync("/Centres")).Headers.Location!.OriginalString);

        async Task<string> ChangeAsync(string newPassword) => await (await client.SubmitFormAsync("/Account/ChangePassword",
            new Dictionary<string, string> { ["CurrentPassword"] = GoodPassword, ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword })).ReadTextAsync();

        Assert.Contains("au moins 12 caractères", await ChangeAsync("court"), StringComparison.Ordinal);
        Assert.Contains("trop courant", await ChangeAsync("contortionist"), StringComparison.Ordinal);
        Assert.Contains("trop courant", await ChangeAsync("Contortionist"), StringComparison.Ordinal);
        var done = await client.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = GoodPassword, ["NewPassword"] = "la mer est bleue a Tanger", ["ConfirmPassword"] = "la mer est bleue a Tanger",
        });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Centres")).StatusCode);
    }

    [Fact]
    public void The_common_password_list_has_at_least_10000_entries()
    {
        Assert.True(CommonPasswordValidator.Count >= 10_000, $"{CommonPasswordValidator.Count} passwords");
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_open_session_at_once()
    {
        var email = await CreateUserAsync(Roles.SocialWorker);
        var user = app.CreateBrowserLikeClient();
        await user.SignInAsync(email, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);

        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var deactivated = await admin.SubmitFormAsync($"/Admin/Users/Edit/{id}", form: $"/Admin/Users/Deactivate/{id}");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        var after = await user.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var again = await user.SignInAsync(email, GoodPassword);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", await again.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_session_cookie_is_useless_after_sign_out()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        var home = await client.GetAsync("/");
        var sessionCookie = home.RequestMessage!.Headers.GetValues("Cookie").Single();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/", form: "/Account/Logout")).StatusCode);

        var thief = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", sessionCookie);
        var replay = await thief.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/Account/Login", replay.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(31, 0)]   // idle for 31 minutes
    [InlineData(0, 481)]  // active all along, but signed in 8 hours and 1 minute ago
    public async Task A_session_ends_after_30_idle_minutes_or_8_hours_in_all(int idleMinutes, int ageMinutes)
    {
        var email = await CreateUserAsync(Roles.SocialWorker);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(email, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            var session = await db.UserSessions.SingleAsync(s => s.UserId == userId);
            var now = app.Clock.GetUtcNow();
            session.LastSeenAt = now.AddMinutes(-idleMinutes);
            session.CreatedAt = now.AddMinutes(-ageMinutes);
            session.ExpiresAt = session.CreatedAt + SessionStore.AbsoluteLifetime;
            await db.SaveChangesAsync();
        });
        // The row was changed behind the app's back (as another instance would): this instance
        // reads it again once its short in-memory window has passed.
        app.Clock.Advance(SessionStore.CacheWindow);
        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == userId)));
    }
}
