using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HeadlessCms.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ArticleIdBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "ArticleIds",
                incrementBy: 10);

            migrationBuilder.AlterColumn<int>(
                name: "Id",
                table: "Articles",
                type: "integer",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer")
                .OldAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            // Blocks start after the existing ids. The sequence belongs to the column (so pg_get_serial_sequence finds
            // it, as it found the identity) and is its default: a row inserted by hand takes a whole block's first
            // value, which no HiLo block can then contain.
            migrationBuilder.Sql("""
                SELECT setval('"ArticleIds"', COALESCE((SELECT max("Id") FROM "Articles"), 0) + 1, false);
                ALTER SEQUENCE "ArticleIds" OWNED BY "Articles"."Id";
                ALTER TABLE "Articles" ALTER COLUMN "Id" SET DEFAULT nextval('"ArticleIds"');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Articles" ALTER COLUMN "Id" DROP DEFAULT;""");
            migrationBuilder.DropSequence(
                name: "ArticleIds");

            migrationBuilder.AlterColumn<int>(
                name: "Id",
                table: "Articles",
                type: "integer",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer")
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.Sql("""
                SELECT setval(pg_get_serial_sequence('"Articles"', 'Id'), COALESCE((SELECT max("Id") FROM "Articles"), 0) + 1, false);
                """);
        }
    }
}
