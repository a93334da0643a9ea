using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HeadlessCms.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ContentEventSequenceAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "ContentEventDrafts");

            migrationBuilder.CreateSequence(
                name: "ContentEventSequence");

            // Carry on from the identity's last value, not from the newest kept row: after everything was pruned, a
            // client's cursor must still be behind what comes next.
            migrationBuilder.Sql("""
                DO $$
                DECLARE
                    last_drawn bigint;
                BEGIN
                    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %s',
                        pg_get_serial_sequence('"ContentEvents"', 'Sequence')) INTO last_drawn;
                    PERFORM setval('"ContentEventSequence"',
                        GREATEST(COALESCE(last_drawn, 0), COALESCE((SELECT max("Sequence") FROM "ContentEvents"), 0)) + 1, false);
                END $$;
                """);

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "ContentEvents",
                type: "bigint",
                nullable: false,
                defaultValueSql: "-nextval('\"ContentEventDrafts\"')",
                oldClrType: typeof(long),
                oldType: "bigint")
                .OldAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            // An event is inserted with a negative placeholder. As its transaction commits, this deferred trigger takes
            // the event-order lock and gives it the next sequence. The lock is held until the commit is complete and
            // visible, so a sequence becomes visible only after every smaller one: the feed's cursors and webhooks
            // rely on "a sequence seen means every smaller one is committed". No lock is held while the change itself
            // is written, so writers run side by side and only their commits take turns.
            migrationBuilder.Sql("""
                ALTER SEQUENCE "ContentEventSequence" OWNED BY "ContentEvents"."Sequence";
                ALTER SEQUENCE "ContentEventDrafts" OWNED BY "ContentEvents"."Sequence";

                CREATE FUNCTION "ContentEvents_SequenceAtCommit"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(7305112024);
                    UPDATE "ContentEvents" SET "Sequence" = nextval('"ContentEventSequence"') WHERE "Sequence" = NEW."Sequence";
                    RETURN NULL;
                END $$;

                CREATE CONSTRAINT TRIGGER "ContentEvents_SequenceAtCommit" AFTER INSERT ON "ContentEvents"
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ContentEvents_SequenceAtCommit"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "ContentEvents_SequenceAtCommit" ON "ContentEvents";
                DROP FUNCTION "ContentEvents_SequenceAtCommit"();
                """);

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "ContentEvents",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldDefaultValueSql: "-nextval('\"ContentEventDrafts\"')")
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.Sql("""
                SELECT setval(pg_get_serial_sequence('"ContentEvents"', 'Sequence'),
                    GREATEST((SELECT last_value FROM "ContentEventSequence"), COALESCE((SELECT max("Sequence") FROM "ContentEvents"), 0)) + 1, false);
                """);

            migrationBuilder.DropSequence(
                name: "ContentEventDrafts");

            migrationBuilder.DropSequence(
                name: "ContentEventSequence");
        }
    }
}
