using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Infrastructure.Auth;

/// <summary>
/// Authenticator-app codes (RFC 6238: 30-second steps, 6 digits). Unlike Identity's default,
/// which accepts any code of the last or next 90 seconds as often as it is typed, a code is
/// accepted for at most one step of clock drift either way, and each time-step once per user:
/// a code seen over someone's shoulder or replayed from a log cannot open a second session.
/// The last accepted step is kept in the user's tokens, beside the authenticator key.
/// </summary>
public class OneTimeAuthenticatorTokenProvider(AppDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const int StepSeconds = 30;
    public const int AllowedDriftSteps = 1;
    internal const string TokenLoginProvider = "[AspNetUserStore]";
    internal const string LastStepTokenName = "AuthenticatorLastTimeStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // The app on the user's phone computes the codes; the server never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var keyBytes = FromBase32(key);
        var now = CurrentTimeStep(key, token);
        long? matched = null;
        for (var step = now - AllowedDriftSteps; step <= now + AllowedDriftSteps; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(keyBytes, step)), Encoding.ASCII.GetBytes(token)))
            {
                matched = step;
            }
        }
        return matched is { } accepted && await ClaimStepAsync(user.Id, accepted);
    }

    /// <summary>The RFC 6238 time-step of now (seconds since 1970 / 30).</summary>
    protected virtual long CurrentTimeStep(string key, string code) => clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;

    /// <summary>
    /// Records <paramref name="step"/> as the user's last accepted one if it is later than the
    /// last; false when it is not (a replay, or an older code after a newer one). Race-safe: the
    /// update only applies if the stored value is still the one read (two sign-ins with one code
    /// at the same instant: one wins), and the first insert relies on the tokens' primary key.
    /// </summary>
    private async Task<bool> ClaimStepAsync(string userId, long step)
    {
        var lastStep = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == TokenLoginProvider && t.Name == LastStepTokenName);
        var last = await lastStep.Select(t => t.Value).SingleOrDefaultAsync();
        var value = step.ToString(CultureInfo.InvariantCulture);
        if (last is null)
        {
            try
            {
                return await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO AspNetUserTokens (UserId, LoginProvider, Name, Value) VALUES ({userId}, {TokenLoginProvider}, {LastStepTokenName}, {value})") == 1;
            }
            catch (DbException)
            {
                return false; // another request inserted it first, with this very step or a later one
            }
        }
        if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastAccepted) || step <= lastAccepted)
        {
            return false;
        }
        return await lastStep.Where(t => t.Value == last).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value)) == 1;
    }

    private static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator apps compute HMAC-SHA1; the key is random, not a password
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(input.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in input.ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                continue; // spaces and '=' padding
            }
            buffer = ((buffer << 5) | value) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
