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
public sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);

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
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.UserSessions.FindAsync(key);
        if (session is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (now > session.ExpiresAt || now - session.LastSeenAt > IdleTimeout)
        {
            db.UserSessions.Remove(session);
            await db.SaveChangesAsync();
            return null;
        }
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync();
        }
        return TicketSerializer.Default.Deserialize(session.Ticket);
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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of a user (deactivation, password reset).</summary>
    public static Task EndAllAsync(AppDbContext db, string userId) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();

    /// <summary>Ends every session of a user except <paramref name="keep"/> (the user changed their own password).</summary>
    public static Task EndOthersAsync(AppDbContext db, string userId, string? keep) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync();
}
