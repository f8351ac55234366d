using Microsoft.Extensions.Time.Testing;

namespace MigrantAid.Tests.Infrastructure;

/// <summary>
/// The time every app under test reads (through TimeProvider), so that dates in tests do not
/// depend on the day the suite runs: a Monday morning in the 2026/2027 academic year. A test
/// that needs time to pass advances its own app's <see cref="AppFactory.Clock"/>.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The app's today at <see cref="Start"/> (FakeTimeProvider's local time zone is UTC).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(Start.UtcDateTime);

    public static FakeTimeProvider Create() => new(Start);
}
