using System.Collections.Concurrent;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// How far the check of an uploaded file has gone, so the page can show a progress bar while
/// a large file (10,000+ rows) is checked. Keyed by user and an id the page makes up; entries
/// older than an hour are dropped. One app instance holds its own: a poll that reaches
/// another instance just shows no progress.
/// </summary>
public sealed class ImportProgress(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (int Done, int Total, DateTimeOffset At)> entries = new();
    private readonly TimeProvider time = clock;

    public static bool IsValidId(string? id) => id is { Length: >= 8 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public IProgress<(int Done, int Total)>? For(string? userId, string? id)
    {
        if (userId is null || !IsValidId(id))
        {
            return null;
        }
        var key = $"{userId}:{id}";
        foreach (var old in entries.Where(e => time.GetUtcNow() - e.Value.At > TimeSpan.FromHours(1)).Select(e => e.Key).ToList())
        {
            entries.TryRemove(old, out _);
        }
        entries[key] = (0, 0, time.GetUtcNow());
        return new Progress(this, key);
    }

    public (int Done, int Total)? Get(string? userId, string id) =>
        userId is not null && entries.TryGetValue($"{userId}:{id}", out var e) ? (e.Done, e.Total) : null;

    // Synchronous on purpose: System.Progress<T> would post to the thread pool, out of order.
    private sealed class Progress(ImportProgress owner, string key) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => owner.entries[key] = (value.Done, value.Total, owner.time.GetUtcNow());
    }
}
