using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using MigrantAid.Web.Data;

namespace MigrantAid.Web.Infrastructure.Security;

/// <summary>
/// Data-protection keys (session and antiforgery cookies) live in the database, by design:
/// every instance behind the proxy shares them and they survive a redeploy. The framework
/// warns "No XML encryptor configured" each time it writes one; instead the app says once
/// at start-up, in plain words, where the keys are and how to encrypt them: set
/// <c>DataProtection:CertificatePath</c> (a PFX file, with <c>DataProtection:CertificatePassword</c>)
/// and the keys are encrypted with that certificate before they are stored.
/// </summary>
public static partial class KeyStorage
{
    /// <summary>The framework's own warning, replaced by the start-up line below (see LoggingSetup).</summary>
    public const string FrameworkWarningPrefix = "No XML encryptor configured";

    public static IServiceCollection AddAppDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddDataProtection().SetApplicationName("MigrantAid").PersistKeysToDbContext<AppDbContext>();
        var path = configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.AddHostedService(sp => new KeyStorageNotice(sp.GetRequiredService<ILogger<KeyStorageNotice>>(), path));
        return services;
    }

    internal sealed partial class KeyStorageNotice(ILogger<KeyStorageNotice> logger, string? certificatePath) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(certificatePath))
            {
                KeysInDatabase(logger);
            }
            else
            {
                KeysEncrypted(logger);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Data-protection keys (sign-in and antiforgery cookies) are stored in the database table DataProtectionKeys without encryption, by design, so that every instance shares them. Protect the database and its backups, or set DataProtection:CertificatePath to a PFX certificate to encrypt the keys.")]
        private static partial void KeysInDatabase(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Data-protection keys are stored in the database, encrypted with the configured certificate.")]
        private static partial void KeysEncrypted(ILogger logger);
    }
}
