using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Audit;

/// <summary>The audit trail, read-only: there is no action that edits or deletes an entry.</summary>
[Authorize(Permissions.AuditRead), Route("Admin/Audit")]
public sealed class AuditController(AppDbContext db) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(a => a.UserName == user || a.UserId == user);
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityKey))
        {
            query = query.Where(a => a.EntityKey == filter.EntityKey.Trim());
        }
        if (filter.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= start);
        }
        // The last day of the calendar has no next day: "up to 9999-12-31" is no upper bound.
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }
        // Keyset paging, newest first: the trail grows without bound.
        if (filter.Before is { } before)
        {
            query = query.Where(a => a.Id < before);
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        var more = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        var types = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        return View(new AuditViewModel(filter, rows, more ? rows[^1].Id : null, types));
    }
}

public sealed class AuditFilter
{
    public string? User { get; set; }
    public string? EntityType { get; set; }
    public string? EntityKey { get; set; }
    public AuditAction? Action { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public long? Before { get; set; }

    public string Query(long? before) => string.Join("&", new[]
    {
        User is null ? null : $"User={Uri.EscapeDataString(User)}",
        EntityType is null ? null : $"EntityType={Uri.EscapeDataString(EntityType)}",
        EntityKey is null ? null : $"EntityKey={Uri.EscapeDataString(EntityKey)}",
        Action is null ? null : $"Action={Action}",
        From is null ? null : $"From={From.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        To is null ? null : $"To={To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        before is null ? null : $"Before={before}",
    }.Where(p => p is not null));
}

public sealed record AuditViewModel(AuditFilter Filter, IReadOnlyList<AuditEntry> Rows, long? NextBefore, IReadOnlyList<string> EntityTypes);
