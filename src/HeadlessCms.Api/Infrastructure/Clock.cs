namespace HeadlessCms.Api.Infrastructure;

public static class Clock
{
    /// <summary>
    /// Now in UTC, cut to whole microseconds: PostgreSQL keeps microseconds, so a value read back equals the value
    /// written, and cursors and ETags agree on both providers.
    /// </summary>
    public static DateTime UtcNow(this TimeProvider time) => Truncate(time.GetUtcNow().UtcDateTime);

    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}
