using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MigrantAid.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MigrantFile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Migrants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FamilyNameArabic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GivenNameArabic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: true),
                    NationalityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ArrivalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AdministrativeStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegularisationYear = table.Column<int>(type: "INTEGER", nullable: true),
                    ResidenceCardNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ResidenceCardExpiry = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UnhcrNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EducationLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Vulnerabilities = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentGiven = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentScope = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ConsentDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ConsentRecordedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RegisteredById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Migrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Migrants_Countries_NationalityId",
                        column: x => x.NationalityId,
                        principalTable: "Countries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Migrants_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_FileNumber",
                table: "Migrants",
                column: "FileNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_NationalityId",
                table: "Migrants",
                column: "NationalityId");

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_Phone",
                table: "Migrants",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_RegionId_Id",
                table: "Migrants",
                columns: new[] { "RegionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_ResidenceCardNumber",
                table: "Migrants",
                column: "ResidenceCardNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_UnhcrNumber",
                table: "Migrants",
                column: "UnhcrNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Migrants");
        }
    }
}
