using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MigrantAid.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Training : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CentreOffers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TrainingCentreId = table.Column<int>(type: "int", nullable: false),
                    TradeId = table.Column<int>(type: "int", nullable: false),
                    DiplomaTrackId = table.Column<int>(type: "int", nullable: false),
                    AcademicYear = table.Column<int>(type: "int", nullable: false),
                    Capacity = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CentreOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CentreOffers_DiplomaTracks_DiplomaTrackId",
                        column: x => x.DiplomaTrackId,
                        principalTable: "DiplomaTracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CentreOffers_Trades_TradeId",
                        column: x => x.TradeId,
                        principalTable: "Trades",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CentreOffers_TrainingCentres_TrainingCentreId",
                        column: x => x.TrainingCentreId,
                        principalTable: "TrainingCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Enrolments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MigrantId = table.Column<int>(type: "int", nullable: false),
                    TrainingCentreId = table.Column<int>(type: "int", nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    TradeId = table.Column<int>(type: "int", nullable: false),
                    DiplomaTrackId = table.Column<int>(type: "int", nullable: false),
                    AcademicYear = table.Column<int>(type: "int", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpectedEndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CapacityOverridden = table.Column<bool>(type: "bit", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    StatusDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EnrolledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ActivatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SuspendedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CertifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DiplomaNumber = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    DroppedOutOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DropoutReason = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    DropoutNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    OutcomeRecordedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enrolments_DiplomaTracks_DiplomaTrackId",
                        column: x => x.DiplomaTrackId,
                        principalTable: "DiplomaTracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrolments_Migrants_MigrantId",
                        column: x => x.MigrantId,
                        principalTable: "Migrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrolments_Trades_TradeId",
                        column: x => x.TradeId,
                        principalTable: "Trades",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrolments_TrainingCentres_TrainingCentreId",
                        column: x => x.TrainingCentreId,
                        principalTable: "TrainingCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HostProfessionals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    TradeId = table.Column<int>(type: "int", nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    City = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Contact = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostProfessionals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HostProfessionals_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HostProfessionals_Trades_TradeId",
                        column: x => x.TradeId,
                        principalTable: "Trades",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MonthlyAttendance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EnrolmentId = table.Column<int>(type: "int", nullable: false),
                    TrainingCentreId = table.Column<int>(type: "int", nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    CentreDaysExpected = table.Column<int>(type: "int", nullable: false),
                    CentreDaysPresent = table.Column<int>(type: "int", nullable: false),
                    HostDaysExpected = table.Column<int>(type: "int", nullable: false),
                    HostDaysPresent = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyAttendance_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HostPlacements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EnrolmentId = table.Column<int>(type: "int", nullable: false),
                    TrainingCentreId = table.Column<int>(type: "int", nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    HostProfessionalId = table.Column<int>(type: "int", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SharePercent = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostPlacements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HostPlacements_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HostPlacements_HostProfessionals_HostProfessionalId",
                        column: x => x.HostProfessionalId,
                        principalTable: "HostProfessionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CentreOffers_DiplomaTrackId",
                table: "CentreOffers",
                column: "DiplomaTrackId");

            migrationBuilder.CreateIndex(
                name: "IX_CentreOffers_TradeId",
                table: "CentreOffers",
                column: "TradeId");

            migrationBuilder.CreateIndex(
                name: "IX_CentreOffers_TrainingCentreId_AcademicYear_TradeId_DiplomaTrackId",
                table: "CentreOffers",
                columns: new[] { "TrainingCentreId", "AcademicYear", "TradeId", "DiplomaTrackId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_DiplomaTrackId",
                table: "Enrolments",
                column: "DiplomaTrackId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_MigrantId_Status",
                table: "Enrolments",
                columns: new[] { "MigrantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_RegionId_Status",
                table: "Enrolments",
                columns: new[] { "RegionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_TradeId",
                table: "Enrolments",
                column: "TradeId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_TrainingCentreId_AcademicYear_Status",
                table: "Enrolments",
                columns: new[] { "TrainingCentreId", "AcademicYear", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_TrainingCentreId_FollowUpDueOn",
                table: "Enrolments",
                columns: new[] { "TrainingCentreId", "FollowUpDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_HostPlacements_EnrolmentId",
                table: "HostPlacements",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_HostPlacements_HostProfessionalId",
                table: "HostPlacements",
                column: "HostProfessionalId");

            migrationBuilder.CreateIndex(
                name: "IX_HostPlacements_TrainingCentreId_EnrolmentId",
                table: "HostPlacements",
                columns: new[] { "TrainingCentreId", "EnrolmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_HostProfessionals_RegionId_Name",
                table: "HostProfessionals",
                columns: new[] { "RegionId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_HostProfessionals_TradeId",
                table: "HostProfessionals",
                column: "TradeId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyAttendance_EnrolmentId_Year_Month",
                table: "MonthlyAttendance",
                columns: new[] { "EnrolmentId", "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyAttendance_TrainingCentreId_Year_Month",
                table: "MonthlyAttendance",
                columns: new[] { "TrainingCentreId", "Year", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CentreOffers");

            migrationBuilder.DropTable(
                name: "HostPlacements");

            migrationBuilder.DropTable(
                name: "MonthlyAttendance");

            migrationBuilder.DropTable(
                name: "HostProfessionals");

            migrationBuilder.DropTable(
                name: "Enrolments");
        }
    }
}
