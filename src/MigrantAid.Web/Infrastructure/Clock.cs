namespace MigrantAid.Web;

public static class ClockExtensions
{
    /// <summary>Today's date on the app's clock (a fake one in tests).</summary>
    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    }
}
