using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MigrantAid.Web.Domain;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace MigrantAid.Web.Infrastructure.Auth;

/// <summary>
/// The password step of sign-in, answering the same way, after the same work, whether the
/// address has an account or not: an address without an (active) account still costs one
/// password-hash verification (against a dummy hash) and is locked after the same number of
/// failures for the same time, so neither the delay nor the "locked" message tells an
/// attacker which addresses are real. A locked real account verifies the dummy hash too.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> users,
    IPasswordHasher<ApplicationUser> hasher,
    UnknownAddressLockout unknownAddresses)
{
    /// <returns>The account when there is an active one (even if the password is wrong), and the result.</returns>
    public async Task<(ApplicationUser? User, SignInResult Result)> SignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null or { IsActive: false })
        {
            hasher.VerifyHashedPassword(new ApplicationUser(), unknownAddresses.DummyHash(hasher), password);
            return (null, unknownAddresses.Fail(users.NormalizeEmail(email)) ? SignInResult.LockedOut : SignInResult.Failed);
        }
        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without hashing: do the same work as the others.
            hasher.VerifyHashedPassword(user, unknownAddresses.DummyHash(hasher), password);
            return (user, SignInResult.LockedOut);
        }
        return (user, await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true));
    }
}

/// <summary>
/// Failure counts of addresses without an account, kept in memory like Identity's lockout
/// (same limit, same duration). Bounded: past <see cref="MaxTracked"/> addresses, those whose
/// failures are older than the lockout are forgotten first.
/// </summary>
public sealed class UnknownAddressLockout(IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Attempts> attempts = new(StringComparer.Ordinal);
    private string? dummyHash;

    private sealed record Attempts(int Failures, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil);

    /// <summary>A hash of a random password, made once by the app's own hasher (same algorithm, same cost).</summary>
    public string DummyHash(IPasswordHasher<ApplicationUser> hasher) =>
        dummyHash ??= hasher.HashPassword(new ApplicationUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Counts a failure; true when the address is (now) locked, as Identity answers on the failure that locks.</summary>
    public bool Fail(string normalizedEmail)
    {
        var now = clock.GetUtcNow();
        var lockout = identity.Value.Lockout;
        if (attempts.Count >= MaxTracked)
        {
            foreach (var old in attempts.Where(a => a.Value.LastFailure + lockout.DefaultLockoutTimeSpan < now && !(a.Value.LockedUntil > now)))
            {
                attempts.TryRemove(old.Key, out _);
            }
        }
        var updated = attempts.AddOrUpdate(normalizedEmail,
            _ => Next(new Attempts(0, now, null)),
            (_, current) => current.LockedUntil > now ? current : Next(current));
        return updated.LockedUntil > now;

        Attempts Next(Attempts current) => current.Failures + 1 >= lockout.MaxFailedAccessAttempts
            ? new Attempts(0, now, now + lockout.DefaultLockoutTimeSpan)
            : new Attempts(current.Failures + 1, now, null);
    }
}
