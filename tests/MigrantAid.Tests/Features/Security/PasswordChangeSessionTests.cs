using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

public sealed class PasswordChangeSessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string OldPassword = "un matin calme a Rabat 2026";
    private const string NewPassword = "la mer est bleue a Tanger";

    [Fact]
    public async Task Changing_ones_password_ends_the_other_sessions_at_once_and_keeps_this_one()
    {
        var email = $"{Guid.NewGuid():N}@migrantaid.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Test", CreatedAt = TimeProvider.System.GetUtcNow() };
            Assert.True((await users.CreateAsync(user, OldPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.SocialWorker);
        }
        var laptop = app.CreateBrowserLikeClient();
        var phone = app.CreateBrowserLikeClient();
        await laptop.SignInAsync(email, OldPassword);
        await phone.SignInAsync(email, OldPassword);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/")).StatusCode);

        var changed = await laptop.SubmitFormAsync("/Account/ChangePassword",
            new Dictionary<string, string> { ["CurrentPassword"] = OldPassword, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // At once: not after the security stamp's one-minute revalidation.
        var other = await phone.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/Account/Login", other.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/")).StatusCode);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == userId)));
    }
}
