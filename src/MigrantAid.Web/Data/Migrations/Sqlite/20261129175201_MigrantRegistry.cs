using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MigrantAid.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MigrantRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConfirmedNotDuplicateOf",
                table: "Migrants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FamilyNameArabicKey",
                table: "Migrants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FamilyNameKey",
                table: "Migrants",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "GivenNameArabicKey",
                table: "Migrants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GivenNameKey",
                table: "Migrants",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Migrants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneKey",
                table: "Migrants",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MigrantId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Confidential = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseNotes_Migrants_MigrantId",
                        column: x => x.MigrantId,
                        principalTable: "Migrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HouseholdMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MigrantId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RelatedMigrantId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Age = table.Column<int>(type: "INTEGER", nullable: true),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HouseholdMembers_Migrants_MigrantId",
                        column: x => x.MigrantId,
                        principalTable: "Migrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HouseholdMembers_Migrants_RelatedMigrantId",
                        column: x => x.RelatedMigrantId,
                        principalTable: "Migrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MigrantMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeptId = table.Column<int>(type: "INTEGER", nullable: false),
                    MergedId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    MovedRecords = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ReversedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReversedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MigrantMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MigrantMerges_Migrants_KeptId",
                        column: x => x.KeptId,
                        principalTable: "Migrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MigrantMerges_Migrants_MergedId",
                        column: x => x.MergedId,
                        principalTable: "Migrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MigrantNameTokens",
                columns: table => new
                {
                    MigrantId = table.Column<int>(type: "INTEGER", nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MigrantNameTokens", x => new { x.Token, x.MigrantId });
                    table.ForeignKey(
                        name: "FK_MigrantNameTokens_Migrants_MigrantId",
                        column: x => x.MigrantId,
                        principalTable: "Migrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Needs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MigrantId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReferredTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReferredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Needs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Needs_Migrants_MigrantId",
                        column: x => x.MigrantId,
                        principalTable: "Migrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_AdministrativeStatus_ResidenceCardExpiry",
                table: "Migrants",
                columns: new[] { "AdministrativeStatus", "ResidenceCardExpiry" });

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_FamilyName_GivenName_Id",
                table: "Migrants",
                columns: new[] { "FamilyName", "GivenName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_FamilyNameArabicKey_GivenNameArabicKey_NationalityId",
                table: "Migrants",
                columns: new[] { "FamilyNameArabicKey", "GivenNameArabicKey", "NationalityId" });

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_FamilyNameKey_GivenNameKey_NationalityId",
                table: "Migrants",
                columns: new[] { "FamilyNameKey", "GivenNameKey", "NationalityId" });

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_MergedIntoId",
                table: "Migrants",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Migrants_PhoneKey",
                table: "Migrants",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_MigrantId_Date",
                table: "CaseNotes",
                columns: new[] { "MigrantId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMembers_MigrantId",
                table: "HouseholdMembers",
                column: "MigrantId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMembers_RelatedMigrantId",
                table: "HouseholdMembers",
                column: "RelatedMigrantId");

            migrationBuilder.CreateIndex(
                name: "IX_MigrantMerges_KeptId",
                table: "MigrantMerges",
                column: "KeptId");

            migrationBuilder.CreateIndex(
                name: "IX_MigrantMerges_MergedId",
                table: "MigrantMerges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_MigrantNameTokens_MigrantId",
                table: "MigrantNameTokens",
                column: "MigrantId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_MigrantId_OpenedOn",
                table: "Needs",
                columns: new[] { "MigrantId", "OpenedOn" });

            migrationBuilder.AddForeignKey(
                name: "FK_Migrants_Migrants_MergedIntoId",
                table: "Migrants",
                column: "MergedIntoId",
                principalTable: "Migrants",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Migrants_Migrants_MergedIntoId",
                table: "Migrants");

            migrationBuilder.DropTable(
                name: "CaseNotes");

            migrationBuilder.DropTable(
                name: "HouseholdMembers");

            migrationBuilder.DropTable(
                name: "MigrantMerges");

            migrationBuilder.DropTable(
                name: "MigrantNameTokens");

            migrationBuilder.DropTable(
                name: "Needs");

            migrationBuilder.DropIndex(
                name: "IX_Migrants_AdministrativeStatus_ResidenceCardExpiry",
                table: "Migrants");

            migrationBuilder.DropIndex(
                name: "IX_Migrants_FamilyName_GivenName_Id",
                table: "Migrants");

            migrationBuilder.DropIndex(
                name: "IX_Migrants_FamilyNameArabicKey_GivenNameArabicKey_NationalityId",
                table: "Migrants");

            migrationBuilder.DropIndex(
                name: "IX_Migrants_FamilyNameKey_GivenNameKey_NationalityId",
                table: "Migrants");

            migrationBuilder.DropIndex(
                name: "IX_Migrants_MergedIntoId",
                table: "Migrants");

            migrationBuilder.DropIndex(
                name: "IX_Migrants_PhoneKey",
                table: "Migrants");

            migrationBuilder.DropColumn(
                name: "ConfirmedNotDuplicateOf",
                table: "Migrants");

            migrationBuilder.DropColumn(
                name: "FamilyNameArabicKey",
                table: "Migrants");

            migrationBuilder.DropColumn(
                name: "FamilyNameKey",
                table: "Migrants");

            migrationBuilder.DropColumn(
                name: "GivenNameArabicKey",
                table: "Migrants");

            migrationBuilder.DropColumn(
                name: "GivenNameKey",
                table: "Migrants");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Migrants");

            migrationBuilder.DropColumn(
                name: "PhoneKey",
                table: "Migrants");
        }
    }
}
