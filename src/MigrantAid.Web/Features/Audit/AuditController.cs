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
public sealed class AuditController(AppDbContext db, AuditPresenter presenter, IStringLocalizer<SharedResource> l, TimeProvider clock,
    Infrastructure.Auditing.AuditEventWriter auditEvents) : Controller
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
    /// in the reader's language (headers too), streamed in batches (a year of trail does not fit
    /// in memory), through the exports' one writer: UTF-8 with BOM, ';' by default so that Excel
    /// in a French locale opens it as columns, ',' on request (?separator=comma), formulas neutralised.
    /// </summary>
    [HttpGet("Export")]
    public async Task Export([FromQuery] AuditFilter filter, string? separator, CancellationToken ct)
    {
        var query = await FilterAsync(filter, ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv\"";
        await using var writer = Infrastructure.Tabular.CsvTableWriter.Create(Response.Body,
            [l["Audit.When"], l["Audit.User"], l["Audit.Action"], l["Audit.Record"], l["Audit.Key"],
                l["Audit.Field"], l["Audit.OldValue"], l["Audit.NewValue"], l["Audit.From"], l["Audit.RequestId"]],
            Infrastructure.Tabular.CsvTableWriter.Separator(separator));
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
                    await writer.WriteRowAsync([at, row.User ?? l["Audit.System"], row.ActionLabel, row.EntityLabel, row.Record,
                        c.Field, c.Old, c.New, row.ClientAddress, row.RequestId], ct);
                }
            }
            before = batch[^1].Id;
        }
        await writer.CompleteAsync(ct);
    }

    private async Task<IQueryable<AuditEntry>> FilterAsync(AuditFilter filter, CancellationToken ct)
    {
        // The trail as of now: openings of files still queued (written in batches) are in it.
        await auditEvents.FlushAsync(ct);
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
        // The last day of the calendar has no next day: "up to 9999-12-31" is no upper bound.
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }
        return query;
    }
}

/// <summary>Queries the audit pages share.</summary>
internal static class Csv
{
    /// <summary>
    /// The record types present in the trail, for the filter: one index seek per type (the next
    /// type after the previous one) instead of a DISTINCT over millions of entries on every visit.
    /// </summary>
    public static async Task<List<string>> EntityTypesAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var types = new List<string>();
        string? next = await db.AuditEntries.OrderBy(a => a.EntityType).Select(a => a.EntityType).FirstOrDefaultAsync(ct);
        while (next is not null && types.Count < MaxEntityTypes)
        {
            types.Add(next);
            var previous = next;
#pragma warning disable CA1309 // translated to SQL's > on the indexed column (an index seek)
            next = await db.AuditEntries.Where(a => string.Compare(a.EntityType, previous) > 0)
#pragma warning restore CA1309
                .OrderBy(a => a.EntityType).Select(a => a.EntityType).FirstOrDefaultAsync(ct);
        }
        return types;
    }

    /// <summary>More record types than the model has would mean a runaway loop: stop there.</summary>
    private const int MaxEntityTypes = 200;
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
