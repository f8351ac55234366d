using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

public sealed class CommonPasswordTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string GoodPassword = "un matin calme a Rabat 2026";

    [Fact]
    public void The_list_has_thousands_of_passwords_long_enough_to_pass_the_length_rule()
    {
        // Entries under 12 characters would test nothing: the length rule refuses them first.
        Assert.True(CommonPasswordValidator.Count >= 40_000, $"{CommonPasswordValidator.Count} passwords");
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("qwertyuiopasdfghjkl")]
    [InlineData("iloveyou1234")]
    [InlineData("AZERTYUIOP123")]
    public async Task A_common_password_of_12_or_more_characters_is_refused_whatever_its_case(string common)
    {
        var email = await CreateUserAsync();
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(email, GoodPassword);
        var refused = await client.SubmitFormAsync("/Account/ChangePassword",
            new Dictionary<string, string> { ["CurrentPassword"] = GoodPassword, ["NewPassword"] = common, ["ConfirmPassword"] = common });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("trop courant", await refused.ReadTextAsync(), StringComparison.Ordinal);

        var accepted = await client.SubmitFormAsync("/Account/ChangePassword",
            new Dictionary<string, string> { ["CurrentPassword"] = GoodPassword, ["NewPassword"] = "la mer est bleue a Tanger", ["ConfirmPassword"] = "la mer est bleue a Tanger" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    private async Task<string> CreateUserAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{Guid.NewGuid():N}@migrantaid.test";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Test", CreatedAt = TimeProvider.System.GetUtcNow() };
        var created = await users.CreateAsync(user, GoodPassword);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.SocialWorker);
        return email;
    }
}
