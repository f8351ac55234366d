using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Audit;

/// <summary>The audit trail, read-only: there is no action that edits or deletes an entry.</summary>
[Authorize(Permissions.AuditRead), Route("Admin/Audit")]
public sealed class AuditController(AppDbContext db, AuditPresenter presenter, IStringLocalizer<SharedResource> l, TimeProvider clock) : Controller
{
    public const int PageSize = 50;
    private const int ExportBatch = 500;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        // Keyset paging, newest first: the trail grows without bound.
        if (filter.Before is { } before)
        {
            query = query.Where(a => a.Id < before);
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        var more = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        var kinds = AuditLabels.Entities.Keys.Select(k => (Key: k, Label: AuditLabels.Entity(l, k)))
            .OrderBy(k => k.Label, StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, true)).ToList();
        return View(new AuditViewModel(filter, await presenter.PresentAsync(rows, ct), more ? rows[^1].Id : null, kinds));
    }

    /// <summary>
    /// The filtered trail as CSV for the data-protection officer: one line per changed field,
    /// in the reader's language, streamed in batches (a year of trail does not fit in memory);
    /// UTF-8 with BOM and ';' so that Excel in a French locale opens it as columns.
    /// </summary>
    [HttpGet("Export")]
    public async Task Export([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new System.Text.UTF8Encoding(true), 16 * 1024);
        await writer.WriteLineAsync(Csv.Line([l["Audit.When"], l["Audit.User"], l["Audit.Action"], l["Audit.Record"], l["Audit.Key"],
            l["Audit.Field"], l["Audit.OldValue"], l["Audit.NewValue"], l["Audit.From"], l["Audit.RequestId"]]));
        long? before = filter.Before;
        while (true)
        {
            var batchQuery = before is { } b ? query.Where(a => a.Id < b) : query;
            var batch = await batchQuery.OrderByDescending(a => a.Id).Take(ExportBatch).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var row in await presenter.PresentAsync(batch, ct))
            {
                var at = row.At.ToLocalTime().ToString("g", System.Globalization.CultureInfo.CurrentCulture);
                var changes = row.Changes.Count == 0 ? [new AuditChange("", null, null)] : row.Changes;
                foreach (var c in changes)
                {
                    await writer.WriteLineAsync(Csv.Line([at, row.User ?? l["Audit.System"], row.ActionLabel, row.EntityLabel, row.Record,
                        c.Field, c.Old, c.New, row.ClientAddress, row.RequestId]));
                }
            }
            await writer.FlushAsync(ct);
            before = batch[^1].Id;
        }
    }

    private async Task<IQueryable<AuditEntry>> FilterAsync(AuditFilter filter, CancellationToken ct)
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
            // The auditor knows a file by its number and a user by an e-mail, not by their keys.
            var key = filter.EntityKey.Trim();
            var migrant = await db.Migrants.Where(m => m.FileNumber == key).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
            var userId = await db.Users.Where(u => u.Email == key).Select(u => u.Id).FirstOrDefaultAsync(ct);
            var migrantKey = migrant?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            query = query.Where(a => a.EntityKey == key
                || (migrantKey != null && a.EntityType == nameof(Migrant) && a.EntityKey == migrantKey)
                || (userId != null && a.EntityType == nameof(ApplicationUser) && a.EntityKey == userId));
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
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }
        return query;
    }
}

/// <summary>Semicolon-separated values, quoted when needed; formulas are neutralised for Excel.</summary>
internal static class Csv
{
    public static string Line(IEnumerable<string?> values) => string.Join(';', values.Select(Field));

    private static string Field(string? value)
    {
        value ??= "";
        // A phone number (+212 6…) or a negative figure stays as it is; anything else Excel would run as a formula does not.
        if (value.Length > 0 && ("=@\t\r".Contains(value[0], StringComparison.Ordinal)
            || ("+-".Contains(value[0], StringComparison.Ordinal) && !value.Skip(1).All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or ',' or '-' or '(' or ')'))))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
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

public sealed record AuditViewModel(AuditFilter Filter, IReadOnlyList<AuditRow> Rows, long? NextBefore, IReadOnlyList<(string Key, string Label)> EntityTypes);
