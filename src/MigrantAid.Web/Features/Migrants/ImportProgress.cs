using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// How far the check of an uploaded file has gone, so the page can show a progress bar while
/// a large file (10,000+ rows) is checked. Kept in the database, keyed by user and an id the
/// page makes up, so a poll answered by another app instance sees it too; written at most a
/// few times a second, and entries older than an hour are dropped.
/// </summary>
public sealed class ImportProgress(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(300);

    public static bool IsValidId(string? id) => id is { Length: >= 8 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string Key(string userId, string id) => $"{userId}:{id}";

    public async Task<IProgress<(int Done, int Total)>?> ForAsync(string? userId, string? id, CancellationToken ct)
    {
        if (userId is null || !IsValidId(id))
        {
            return null;
        }
        var key = Key(userId, id!);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var old = clock.GetUtcNow().AddHours(-1);
        await db.ImportProgressEntries.Where(e => e.UpdatedAt < old || e.Id == key).ExecuteDeleteAsync(ct);
        db.ImportProgressEntries.Add(new ImportProgressEntry { Id = key, UpdatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return new Progress(this, key);
    }

    public async Task<(int Done, int Total)?> GetAsync(string? userId, string id, CancellationToken ct)
    {
        if (userId is null || !IsValidId(id))
        {
            return null;
        }
        var key = Key(userId, id);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var e = await db.ImportProgressEntries.AsNoTracking().Where(x => x.Id == key).Select(x => new { x.Done, x.Total }).SingleOrDefaultAsync(ct);
        return e is null ? null : (e.Done, e.Total);
    }

    private void Write(string key, int done, int total)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        db.ImportProgressEntries.Where(x => x.Id == key)
            .ExecuteUpdate(s => s.SetProperty(x => x.Done, done).SetProperty(x => x.Total, total).SetProperty(x => x.UpdatedAt, now));
    }

    // Synchronous on purpose: System.Progress<T> would post to the thread pool, out of order.
    // Throttled: the last value (done = total) is always written.
    private sealed class Progress(ImportProgress owner, string key) : IProgress<(int Done, int Total)>
    {
        private readonly Stopwatch sinceWrite = Stopwatch.StartNew();
        private bool written;

        public void Report((int Done, int Total) value)
        {
            if (written && value.Done < value.Total && sinceWrite.Elapsed < WriteEvery)
            {
                return;
            }
            owner.Write(key, value.Done, value.Total);
            written = true;
            sinceWrite.Restart();
        }
    }
}
