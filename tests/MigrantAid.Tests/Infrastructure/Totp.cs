using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MigrantAid.Tests.Infrastructure;

/// <summary>RFC 6238 time-based one-time password, as an authenticator app computes it.</summary>
public static class Totp
{
    /// <summary>The code an authenticator app would show now: a fresh time-step (see <see cref="Code"/>).</summary>
    public static string CurrentCode(string base32Key) => Code(base32Key);

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, long> LastIssuedStep = new(StringComparer.Ordinal);
    private static readonly Dictionary<(string Key, string Code), long> Issued = [];

    /// <summary>
    /// The code at <paramref name="at"/> (the real clock, as the app sees it); without it, a
    /// code of a time-step never handed out before for this key. The app accepts each step once
    /// per user, so a test class signing the demo administrator in twice within 30 seconds needs
    /// a fresh step each time: <see cref="AuthenticatorTestClock"/> tells the app that a code
    /// handed out here is current, which is what waiting for the phone's next code would give.
    /// </summary>
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        if (at is { } time)
        {
            return CodeAt(base32Key, time.ToUnixTimeSeconds() / 30);
        }
        lock (Gate)
        {
            var step = Math.Max(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30, LastIssuedStep.GetValueOrDefault(base32Key) + 1);
            LastIssuedStep[base32Key] = step;
            var code = CodeAt(base32Key, step);
            Issued[(base32Key, code)] = step;
            return code;
        }
    }

    /// <summary>The time-step of a code handed out by <see cref="Code"/> without a time, if it was.</summary>
    public static long? IssuedStep(string base32Key, string code)
    {
        lock (Gate)
        {
            return Issued.TryGetValue((base32Key, code), out var step) ? step : null;
        }
    }

    private static string CodeAt(string base32Key, long step)
    {
        var key = FromBase32(base32Key);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticators use HMAC-SHA1
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = input.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
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
