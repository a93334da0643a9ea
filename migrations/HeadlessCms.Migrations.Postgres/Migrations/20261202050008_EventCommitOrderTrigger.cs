using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeadlessCms.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The event-order lock, taken by the event insert itself: a BEFORE INSERT trigger takes the transaction-scoped
    /// advisory lock and only then draws the sequence, so sequences are allocated in commit order without a round trip of
    /// their own (the writer used to send the lock as a separate statement).
    /// </summary>
    public partial class EventCommitOrderTrigger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION content_events_in_commit_order() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- Held until the transaction ends: the sequence drawn below follows every event committed before.
                    -- The same lock as CmsDbContext.EventOrderLock (re-entrant within a transaction).
                    PERFORM pg_advisory_xact_lock(7305112024);
                    NEW."Sequence" := nextval(pg_get_serial_sequence('"ContentEvents"', 'Sequence'));
                    RETURN NEW;
                END
                $$;
                CREATE TRIGGER "ContentEvents_InCommitOrder" BEFORE INSERT ON "ContentEvents"
                    FOR EACH ROW EXECUTE FUNCTION content_events_in_commit_order();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "ContentEvents_InCommitOrder" ON "ContentEvents";
                DROP FUNCTION content_events_in_commit_order();
                """);
        }
    }
}
