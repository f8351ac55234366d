using System.Net;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Home;

public sealed class OperationsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_without_sign_in(string url)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/Account/Login");
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.NotEmpty(response.Headers.GetValues("Referrer-Policy"));
    }

    [Fact]
    public async Task An_unknown_page_is_a_localized_404_not_a_stack_trace()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        var response = await client.GetAsync("/Nothing/Here?culture=fr");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("n'existe pas", await response.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_file_is_written_in_the_data_folder_without_query_strings()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        await client.GetAsync("/Centres?q=Aissatou-Diallo-secret");
        // The request line is written as the request completes, which may be just after the
        // client has its response: give it a moment.
        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("\"RequestPath\":\"/Centres\"", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            text = "";
            foreach (var file in Directory.GetFiles(Path.Combine(app.DataFolder, "logs")))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                text += await reader.ReadToEndAsync();
            }
        }
        Assert.Contains("\"RequestPath\":\"/Centres\"", text, StringComparison.Ordinal);
        Assert.Contains("\"UserId\":", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Aissatou", text, StringComparison.Ordinal);
    }
}

public sealed class DataProtectionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Data_protection_keys_live_in_the_database_so_instances_share_sign_ins()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        Assert.True(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DataProtectionKeys)) >= 1);
    }
}
