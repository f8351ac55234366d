using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

/// <summary>The app with its password hasher counting verifications, to see the work a sign-in does.</summary>
public sealed class CountingHasherAppFactory : AppFactory
{
    public sealed class Counter
    {
        private int verifications;
        public int Verifications => Volatile.Read(ref verifications);
        public void Add() => Interlocked.Increment(ref verifications);
    }

    public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options, Counter counter) : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> inner = new(options);
        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            counter.Add();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public int Verifications => Services.GetRequiredService<Counter>().Verifications;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Counter>();
            services.AddScoped<IPasswordHasher<ApplicationUser>, CountingPasswordHasher>();
        });
    }
}

public sealed partial class SignInEnumerationTests(CountingHasherAppFactory app) : IClassFixture<CountingHasherAppFactory>
{
    private const string Password = "un matin calme a Rabat 2026";

    [Fact]
    public async Task An_address_without_account_costs_a_password_hash_verification_like_a_real_one()
    {
        var client = app.CreateBrowserLikeClient();
        var email = await CreateUserAsync(active: true);
        var inactive = await CreateUserAsync(active: false);

        foreach (var address in new[] { "nobody.here@migrantaid.test", inactive, email })
        {
            var before = app.Verifications;
            var answer = await client.SignInAsync(address, "not the right password");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(before + 1, app.Verifications);
        }
    }

    [Fact]
    public async Task An_address_without_account_gets_the_same_answers_as_a_real_one_locked_included()
    {
        var real = await CreateUserAsync(active: true);
        var unknown = $"{Guid.NewGuid():N}@migrantaid.test";
        var client = app.CreateBrowserLikeClient();
        var answers = new List<string>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            // The sixth attempt gives the real account its right password: it is locked all the same.
            var forReal = await client.SignInAsync(real, attempt == 6 ? Password : "wrong password number " + attempt);
            var forUnknown = await client.SignInAsync(unknown, attempt == 6 ? Password : "wrong password number " + attempt);
            Assert.Equal(forReal.StatusCode, forUnknown.StatusCode);
            var text = Normalize(await forReal.ReadTextAsync(), real);
            Assert.Equal(text, Normalize(await forUnknown.ReadTextAsync(), unknown));
            answers.Add(text);
        }
        Assert.All(answers.Take(4), a => Assert.Contains("Adresse e-mail ou mot de passe incorrect.", a, StringComparison.Ordinal));
        Assert.All(answers.Skip(4), a => Assert.Contains("verrouillé pendant 15 minutes", a, StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex Token();

    /// <summary>The page as read, without the typed address and the per-answer antiforgery token.</summary>
    private static string Normalize(string page, string email) =>
        Token().Replace(page, "").Replace(email, "EMAIL", StringComparison.Ordinal);

    private async Task<string> CreateUserAsync(bool active)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{Guid.NewGuid():N}@migrantaid.test";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Test", IsActive = active, CreatedAt = TimeProvider.System.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.SocialWorker);
        return email;
    }
}
