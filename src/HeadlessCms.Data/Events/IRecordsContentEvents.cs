namespace HeadlessCms.Data.Events;

/// <summary>
/// An entity that records content events as it changes. Each pending event is built when the change is saved, once
/// the entity's id is known (so it sees that id and the final slug), and written in the same transaction (see CmsDbContext).
/// </summary>
public interface IRecordsContentEvents
{
    List<Func<ContentEvent>> PendingEvents { get; }
}
