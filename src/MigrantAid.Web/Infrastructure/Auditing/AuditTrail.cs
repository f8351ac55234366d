using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Infrastructure.Auditing;

/// <summary>
/// Turns the change tracker's pending changes into audit entries: who, when, from where,
/// which record, and each changed field old → new. Used by <c>AppDbContext.SaveChangesAsync</c>.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor httpContextAccessor, TimeProvider clock, AuditEventWriter? eventWriter = null)
{
    // Secrets and bookkeeping columns that must never be copied into the trail.
    private static readonly HashSet<string> IgnoredProperties =
    [
        nameof(ApplicationUser.PasswordHash), nameof(ApplicationUser.SecurityStamp), nameof(ApplicationUser.ConcurrencyStamp),
        nameof(Entity.Version), nameof(Entity.CreatedAt), nameof(Entity.CreatedBy), nameof(Entity.UpdatedAt), nameof(Entity.UpdatedBy),
        "Value", "Xml", nameof(ApplicationUser.NormalizedEmail), nameof(ApplicationUser.NormalizedUserName),
    ];

    // Search tokens are derived from the audited names: auditing them too would only add noise. So are the
    // dashboard's summary rows (rebuilt every few minutes), the jobs' leases and the file-number counters.
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEntry), typeof(DataProtectionKey), typeof(UserSession), typeof(MigrantNameToken), typeof(ImportBatch), typeof(ImportProgressEntry), typeof(ImportRow),
        typeof(DashboardFigure), typeof(DashboardFigureRefresh), typeof(JobLease), typeof(FileNumberCounter),
        typeof(ConventionFigure), typeof(ConventionFigureRefresh),
    ];

    /// <summary>Set during bulk reference-data seeding, which is not a person's change.</summary>
    public bool Suppressed { get; set; }

    public IReadOnlyList<PendingAudit> Capture(ChangeTracker tracker)
    {
        var now = clock.GetUtcNow();
        var user = httpContextAccessor.HttpContext?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var list = new List<PendingAudit>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Detached or EntityState.Unchanged)
            {
                continue;
            }
            if (entry.Entity is Entity stamped)
            {
                stamped.Version = Guid.NewGuid();
                if (entry.State == EntityState.Added)
                {
                    stamped.CreatedAt = now;
                    stamped.CreatedBy = userId;
                }
                else if (entry.State == EntityState.Modified)
                {
                    stamped.UpdatedAt = now;
                    stamped.UpdatedBy = userId;
                }
            }
            if (Suppressed || NotAudited.Contains(entry.Metadata.ClrType))
            {
                continue;
            }
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            };
            var changes = new Dictionary<string, object?[]>();
            foreach (var property in entry.Properties)
            {
                if (IgnoredProperties.Contains(property.Metadata.Name))
                {
                    continue;
                }
                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        changes[property.Metadata.Name] = [null, property.CurrentValue];
                        break;
                    case EntityState.Deleted:
                        changes[property.Metadata.Name] = [property.OriginalValue, null];
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[property.Metadata.Name] = [property.OriginalValue, property.CurrentValue];
                        break;
                }
            }
            if (action == AuditAction.Updated && changes.Count == 0)
            {
                continue;
            }
            list.Add(new PendingAudit(entry, action, changes, now, userId, user?.Identity?.Name,
                httpContextAccessor.HttpContext?.TraceIdentifier,
                httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString()));
        }
        return list;
    }

    /// <summary>An audit entry for an event that is not a data change (file opened, sign-in…).</summary>
    public AuditEntry Event(AuditAction action, string entityType, string? entityKey, string? userId = null, string? userName = null)
    {
        var http = httpContextAccessor.HttpContext;
        return new AuditEntry
        {
            At = clock.GetUtcNow(),
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            UserId = userId ?? http?.User.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = userName ?? http?.User.Identity?.Name,
            RequestId = http?.TraceIdentifier,
            ClientAddress = http?.Connection.RemoteIpAddress?.ToString(),
        };
    }

    /// <summary>
    /// Records an event that changes no data (a file opened) without making the page wait for the
    /// database's one writer: queued for the <see cref="AuditEventWriter"/>, which writes it in a
    /// batch moments later. Without the writer (a context built by hand), saved at once.
    /// </summary>
    public async Task RecordEventAsync(AppDbContext db, AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (eventWriter is not null)
        {
            await eventWriter.RecordAsync(entry, ct);
            return;
        }
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Makes every event queued so far visible in the trail (readers of the trail call it first).</summary>
    public Task FlushEventsAsync(CancellationToken ct) => eventWriter?.FlushAsync(ct) ?? Task.CompletedTask;
}

public sealed partial record PendingAudit(
    EntityEntry Entry, AuditAction Action, Dictionary<string, object?[]> Changes, DateTimeOffset At,
    string? UserId, string? UserName, string? RequestId, string? ClientAddress)
{
    // Names in Arabic or with accents stay readable in the trail.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public AuditEntry ToEntry()
    {
        // Keys generated by the database are known only after the first save; read them now,
        // and the new record's own key and links too (captured before the save, they held EF's
        // temporary negative keys).
        if (Action == AuditAction.Created)
        {
            foreach (var name in Changes.Keys.ToList())
            {
                var property = Entry.Property(name);
                if (property.Metadata.IsKey() || property.Metadata.IsForeignKey())
                {
                    Changes[name] = [null, property.CurrentValue];
                }
            }
        }
        var key = Entry.Metadata.FindPrimaryKey();
        var keyValue = key is null ? null : string.Join(",", key.Properties.Select(p => Entry.Property(p.Name).CurrentValue));
        return new AuditEntry
        {
            At = At,
            UserId = UserId,
            UserName = UserName,
            RequestId = RequestId,
            ClientAddress = ClientAddress,
            EntityType = Entry.Metadata.ClrType.Name,
            EntityKey = keyValue,
            Action = Action,
            Changes = Changes.Count == 0 ? null : JsonSerializer.Serialize(Changes, JsonOptions),
        };
    }
}
