using System.Text.RegularExpressions;

namespace MigrantAid.Tests.Infrastructure;

/// <summary>
/// App code reads time from the registered TimeProvider and tests from their app's fake clock,
/// so that a test can set or move time and no result depends on the day the suite runs.
/// </summary>
public sealed partial class ClockUsageTests
{
    [GeneratedRegex(@"\bDate(Time|TimeOffset)\.(Now|UtcNow|Today)\b")]
    private static partial Regex WallClock();

    [Fact]
    public void No_code_or_test_reads_the_wall_clock_directly()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MigrantAid.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var files = new[] { "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root.FullName, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(nameof(ClockUsageTests) + ".cs", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, $"{files.Count} files scanned");
        var offenders = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => WallClock().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(root.FullName, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "read the time from TimeProvider (tests: the app's fake clock):\n" + string.Join("\n", offenders));
    }
}
