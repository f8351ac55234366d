using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MigrantAid.Web.Data.Migrations.SqlServer
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FileNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    FamilyName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    GivenName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FamilyNameArabic = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    GivenNameArabic = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Sex = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    BirthYear = table.Column<int>(type: "int", nullable: true),
                    NationalityId = table.Column<int>(type: "int", nullable: false),
                    Languages = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    City = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Address = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    ArrivalDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AdministrativeStatus = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RegularisationYear = table.Column<int>(type: "int", nullable: true),
                    ResidenceCardNumber = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    ResidenceCardExpiry = table.Column<DateOnly>(type: "date", nullable: true),
                    UnhcrNumber = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    EducationLevel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Skills = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Vulnerabilities = table.Column<int>(type: "int", nullable: false),
                    ConsentGiven = table.Column<bool>(type: "bit", nullable: false),
                    ConsentScope = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ConsentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentRecordedById = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RegisteredById = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
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
