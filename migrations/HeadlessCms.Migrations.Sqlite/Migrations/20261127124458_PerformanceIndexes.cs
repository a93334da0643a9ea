using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeadlessCms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PerformanceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Articles_PublishedWithoutSummary",
                table: "Articles",
                column: "Id",
                filter: "\"Status\" = 'published' AND (\"SummaryBodyVersion\" IS NULL OR \"SummarySource\" IS NULL OR \"SummaryText\" IS NULL OR \"SummaryUpdatedAt\" IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_PublishedWithoutSummary",
                table: "Articles");
        }
    }
}
