using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;

namespace MigrantAid.Tests.Features.Security;

/// <summary>With DataProtection:CertificatePath set, the keys stored in the database are encrypted and sign-in still works.</summary>
public sealed class KeyStorageTests(KeyStorageTests.CertificateApp app) : IClassFixture<KeyStorageTests.CertificateApp>
{
    public sealed class CertificateApp : AppFactory
    {
        public string CertificatePath => Path.Combine(DataFolder, "keys.pfx");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (!File.Exists(CertificatePath))
            {
                using var rsa = RSA.Create(2048);
                var request = new CertificateRequest("CN=MigrantAid test keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
                File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, "test-password"));
            }
            builder.UseSetting("DataProtection:CertificatePath", CertificatePath);
            builder.UseSetting("DataProtection:CertificatePassword", "test-password");
        }
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_configured_certificate()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        Assert.Contains("Rabat", await client.GetTextAsync("/"), StringComparison.Ordinal);
        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
