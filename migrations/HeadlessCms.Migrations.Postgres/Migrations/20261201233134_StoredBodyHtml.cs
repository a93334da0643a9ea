using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeadlessCms.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StoredBodyHtml : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyHtml",
                table: "Articles",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_WithoutBodyHtml",
                table: "Articles",
                column: "Id",
                filter: "\"BodyHtml\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_WithoutBodyHtml",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "BodyHtml",
                table: "Articles");
        }
    }
}
