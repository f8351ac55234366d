using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Infrastructure.Auth;

/// <summary>
/// Keeps sign-in sessions in the database (<see cref="UserSession"/>), so that signing out,
/// deactivating a user or an expired session is enforced on the server, not trusted to a cookie.
/// </summary>
/// <remarks>
/// Every request used to read its session row (a DI scope, a context, a query and a ticket to
/// rebuild: about a fifth of the app's own time on a fast page, issue 13). A session read from
/// the database is now remembered in memory for <see cref="CacheWindow"/> (app clock): within
/// that window this instance answers from memory, still checking the idle and absolute limits
/// against the remembered times, and it reads the row again once the last-seen time is due for
/// its one-minute update (so that write happens exactly as before). Ending a session in this
/// process — sign-out, deactivation, password change — forgets every remembered session at once
/// (<see cref="EndAllAsync"/>, <see cref="EndOthersAsync"/>, <see cref="RemoveAsync"/>): the next
/// request reads the database. A row deleted by another app instance (or by hand) ends the
/// session here within <see cref="CacheWindow"/>. The ticket is kept serialized and rebuilt per
/// request, so no two requests share a principal.
/// </remarks>
public sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);

    /// <summary>How long a session read from the database is answered from memory by this instance.</summary>
    public static readonly TimeSpan CacheWindow = TimeSpan.FromSeconds(5);

    /// <summary>The last-seen time is written when older than this (one write a minute per active session).</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>Past this many remembered sessions, the stale ones are swept on the next database read.</summary>
    private const int SweepAbove = 10_000;

    // Bumped whenever a session ends in this process: remembered sessions from an older
    // generation are not used. Process-wide (static) because the ending helpers are static;
    // an end elsewhere in the process only costs the other stores one database read.
    private static long generation;

    private readonly ConcurrentDictionary<string, Remembered> remembered = new(StringComparer.Ordinal);

    private sealed record Remembered(byte[] Ticket, DateTimeOffset ExpiresAt, DateTimeOffset LastSeenAt, DateTimeOffset ReadAt, long Generation);

    private static void SessionsEnded() => Interlocked.Increment(ref generation);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            UserId = ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "",
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + AbsoluteLifetime,
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // A new sign-in is a new session; sessions that ran out are cleared on the way.
        await db.UserSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.UserSessions.FindAsync(key);
        if (session is not null)
        {
            session.Ticket = TicketSerializer.Default.Serialize(ticket);
            session.LastSeenAt = clock.GetUtcNow();
            await db.SaveChangesAsync();
        }
        // The next request reads the renewed ticket from the database.
        remembered.TryRemove(key, out _);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow();
        var current = Interlocked.Read(ref generation);
        if (remembered.TryGetValue(key, out var known) && known.Generation == current
            && now >= known.ReadAt && now - known.ReadAt < CacheWindow
            && now <= known.ExpiresAt && now - known.LastSeenAt <= LastSeenResolution)
        {
            // Within the window, nothing ended here, not idle and not due for its last-seen write:
            // the database would answer the same (idle ≤ 1 minute < 30, before the absolute end).
            return TicketSerializer.Default.Deserialize(known.Ticket);
        }
        remembered.TryRemove(key, out _);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.UserSessions.FindAsync(key);
        if (session is null)
        {
            return null;
        }
        if (now > session.ExpiresAt || now - session.LastSeenAt > IdleTimeout)
        {
            db.UserSessions.Remove(session);
            await db.SaveChangesAsync();
            return null;
        }
        if (now - session.LastSeenAt > LastSeenResolution)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync();
        }
        if (remembered.Count >= SweepAbove)
        {
            Sweep(now);
        }
        remembered[key] = new Remembered(session.Ticket, session.ExpiresAt, session.LastSeenAt, now, current);
        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    /// <summary>Forgets the remembered sessions whose window has passed.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, value) in remembered)
        {
            if (now - value.ReadAt >= CacheWindow || now < value.ReadAt)
            {
                remembered.TryRemove(key, out _);
            }
        }
    }

    // The cookie handler calls this overload: remember which session the request runs in, so
    // that a password change can end every other session and keep this one.
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var ticket = await RetrieveAsync(key);
        if (ticket is not null)
        {
            httpContext.Items[CurrentSessionItem] = key;
        }
        return ticket;
    }

    private const string CurrentSessionItem = "MigrantAid.SessionId";

    /// <summary>The id of the session the current request was authenticated with, if any.</summary>
    public static string? CurrentSessionId(HttpContext httpContext) => httpContext.Items[CurrentSessionItem] as string;

    public async Task RemoveAsync(string key)
    {
        SessionsEnded();
        remembered.TryRemove(key, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
        // A request that read the row before the delete remembers it under the old generation: unused.
        SessionsEnded();
    }

    /// <summary>Ends every session of a user (deactivation, password reset): at once in this process.</summary>
    public static async Task EndAllAsync(AppDbContext db, string userId)
    {
        SessionsEnded();
        await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
        SessionsEnded();
    }

    /// <summary>Ends every session of a user except <paramref name="keep"/> (the user changed their own password): at once in this process.</summary>
    public static async Task EndOthersAsync(AppDbContext db, string userId, string? keep)
    {
        SessionsEnded();
        await db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync();
        SessionsEnded();
    }
}
