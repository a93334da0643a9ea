namespace HeadlessCms.Data.Events;

/// <summary>
/// An entity that records content events as it changes. Each pending event is built after the change is written
/// (so it sees generated ids and the final slug) and saved in the same transaction (see CmsDbContext).
/// </summary>
public interface IRecordsContentEvents
{
    List<Func<ContentEvent>> PendingEvents { get; }
}
