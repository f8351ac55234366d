using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Infrastructure.Auth;

/// <summary>
/// Refuses common passwords, compared case-insensitively, as OWASP ASVS 2.1.7 asks: the
/// 12+ character entries (the length rule refuses shorter ones) of the top million of a public
/// breach corpus, shipped with the app (source named in common-passwords.txt).
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> l) : IPasswordValidator<ApplicationUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static int Count => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (password is not null && (Common.Value.Contains(password.Trim())
            || (user.Email is { Length: > 0 } email && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = l["Password.Common"] }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        var assembly = typeof(CommonPasswordValidator).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("common-passwords.txt", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }
        return set;
    }
}

/// <summary>Identity's messages in the user's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = l["Password.TooShort", length] };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = l["Password.UniqueChars", uniqueChars] };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = l["Password.Mismatch"] };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = l["Users.DuplicateEmail"] };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = l["Users.DuplicateEmail"] };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = l["Account.EmailInvalid"] };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = l["Account.InvalidCode"] };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = l["Common.ConcurrencyConflict"] };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = l["Error.Server"] };
}
