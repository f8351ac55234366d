using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

public sealed partial class TwoFactorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "un matin calme a Rabat 2026";
    private const string WrongCode = "Code incorrect ou expiré.";

    [Fact]
    public async Task One_code_opens_one_session_only()
    {
        var (email, key) = await CreateUserWithAuthenticatorAsync();
        var code = Totp.Code(key, await NowClearOfStepEndAsync());
        Assert.True(SignedIn(await SignInWithCodeAsync(email, code)));

        var replay = await SignInWithCodeAsync(email, code);
        Assert.False(SignedIn(replay));
        Assert.Contains(WrongCode, await replay.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_of_the_previous_30_seconds_passes_but_not_one_60_seconds_old_nor_an_older_one_after_a_newer()
    {
        var (email, key) = await CreateUserWithAuthenticatorAsync();
        var now = await NowClearOfStepEndAsync();

        var minuteOld = await SignInWithCodeAsync(email, Totp.Code(key, now.AddSeconds(-60)));
        Assert.False(SignedIn(minuteOld));
        Assert.Contains(WrongCode, await minuteOld.ReadTextAsync(), StringComparison.Ordinal);

        Assert.True(SignedIn(await SignInWithCodeAsync(email, Totp.Code(key, now))));
        // The previous step is within the drift, but older than the step just used: refused.
        Assert.False(SignedIn(await SignInWithCodeAsync(email, Totp.Code(key, now.AddSeconds(-30)))));

        var (other, otherKey) = await CreateUserWithAuthenticatorAsync();
        Assert.True(SignedIn(await SignInWithCodeAsync(other, Totp.Code(otherKey, now.AddSeconds(-30)))));
    }

    [GeneratedRegex("data-testid=\"shared-key\">([a-z0-9 ]+)<")]
    private static partial Regex SharedKey();

    [Fact]
    public async Task An_active_key_is_shown_again_only_after_the_password_and_only_in_that_answer()
    {
        var (email, key) = await CreateUserWithAuthenticatorAsync();
        var client = app.CreateBrowserLikeClient();
        Assert.True(SignedIn(await SignInWithCodeAsync(email, Totp.Code(key), client)));

        var page = await client.GetTextAsync("/Account/Authenticator");
        Assert.DoesNotContain("shared-key", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image/png", page, StringComparison.Ordinal);

        var wrong = await (await client.SubmitFormAsync("/Account/Authenticator",
            new Dictionary<string, string> { ["Password"] = "not my password at all" }, "/Account/AuthenticatorKey")).ReadTextAsync();
        Assert.Contains("Mot de passe actuel incorrect.", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("shared-key", wrong, StringComparison.Ordinal);

        var right = await (await client.SubmitFormAsync("/Account/Authenticator",
            new Dictionary<string, string> { ["Password"] = Password }, "/Account/AuthenticatorKey")).ReadTextAsync();
        Assert.Equal(key.ToLowerInvariant(), SharedKey().Match(right).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("data:image/png;base64,", right, StringComparison.Ordinal);

        Assert.DoesNotContain("shared-key", await client.GetTextAsync("/Account/Authenticator"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_the_key_needs_the_password_and_then_asks_to_set_up_the_new_one()
    {
        var (email, key) = await CreateUserWithAuthenticatorAsync();
        var client = app.CreateBrowserLikeClient();
        Assert.True(SignedIn(await SignInWithCodeAsync(email, Totp.Code(key), client)));

        var refused = await client.SubmitFormAsync("/Account/Authenticator",
            new Dictionary<string, string> { ["Password"] = "not my password at all", ["Reset"] = "true" }, "/Account/AuthenticatorKey");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(key, await AuthenticatorKeyAsync(email));

        var reset = await client.SubmitFormAsync("/Account/Authenticator",
            new Dictionary<string, string> { ["Password"] = Password, ["Reset"] = "true" }, "/Account/AuthenticatorKey");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var newKey = await AuthenticatorKeyAsync(email);
        Assert.NotEqual(key, newKey);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
        // A national manager must set the new key up before anything else.
        Assert.Equal("/Account/Authenticator", (await client.GetAsync("/")).Headers.Location!.OriginalString);
        var setup = await client.GetTextAsync("/Account/Authenticator");
        Assert.Equal(newKey!.ToLowerInvariant(), SharedKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal));
    }

    private async Task<(string Email, string Key)> CreateUserWithAuthenticatorAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{Guid.NewGuid():N}@migrantaid.test";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Test national", CreatedAt = TimeProvider.System.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.NationalManager);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (email, (await users.GetAuthenticatorKeyAsync(user))!);
    }

    private async Task<string?> AuthenticatorKeyAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task<HttpResponseMessage> SignInWithCodeAsync(string email, string code, HttpClient? client = null)
    {
        client ??= app.CreateBrowserLikeClient();
        var password = await client.SignInAsync(email, Password);
        Assert.StartsWith("/Account/TwoFactor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return await client.SubmitFormAsync(password.Headers.Location.OriginalString, new Dictionary<string, string> { ["Code"] = code }, "/Account/TwoFactor");
    }

    private static bool SignedIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && !response.Headers.Location!.OriginalString.Contains("/Account/", StringComparison.Ordinal);

    /// <summary>
    /// Now, as the phone reads it, at least 10 seconds before the 30-second step ends, so the
    /// app checks the code a moment later within the same step and the drift under test is exact.
    /// </summary>
    private static async Task<DateTimeOffset> NowClearOfStepEndAsync()
    {
        var intoStep = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() % 30_000;
        if (intoStep > 20_000)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(30_000 - intoStep + 100));
        }
        return TimeProvider.System.GetUtcNow();
    }
}
