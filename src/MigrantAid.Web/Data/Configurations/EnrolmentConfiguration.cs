using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.DropoutReason).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.DiplomaNumber).HasMaxLength(Enrolment.DiplomaNumberMaxLength);
        b.Property(e => e.DropoutNote).HasMaxLength(Enrolment.NoteMaxLength);
        b.HasOne(e => e.Migrant).WithMany(m => m.Enrolments).HasForeignKey(e => e.MigrantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.TrainingCentre).WithMany().HasForeignKey(e => e.TrainingCentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Trade).WithMany().HasForeignKey(e => e.TradeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.DiplomaTrack).WithMany().HasForeignKey(e => e.DiplomaTrackId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.TrainingCentreId, e.AcademicYear, e.Status });
        b.HasIndex(e => new { e.MigrantId, e.Status });
        b.HasIndex(e => new { e.RegionId, e.Status });
        b.HasIndex(e => new { e.TrainingCentreId, e.FollowUpDueOn });
        // Dashboards count dropouts and starts per period across a region or the country.
        b.HasIndex(e => e.DroppedOutOn);
        b.HasIndex(e => e.StartDate);
        // Applications waiting for a decision are few among hundreds of thousands: found by status
        // whatever the scope (the row-scope filter is an OR that no index serves; 1.2 s at 1M).
        b.HasIndex(e => new { e.Status, e.TrainingCentreId });
        // A region's list: its enrolments by academic year (the list's first sort key), with the
        // centre (the row-scope filter) and the status (a filter) in the index, so that the capped
        // count reads the index alone and the first page sorts only the latest year by name.
        b.HasIndex(e => new { e.RegionId, e.AcademicYear, e.TrainingCentreId, e.Status });
    }
}

internal sealed class CentreOfferConfiguration : IEntityTypeConfiguration<CentreOffer>
{
    public void Configure(EntityTypeBuilder<CentreOffer> b)
    {
        b.ConfigureEntity();
        b.HasOne(e => e.TrainingCentre).WithMany().HasForeignKey(e => e.TrainingCentreId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Trade).WithMany().HasForeignKey(e => e.TradeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.DiplomaTrack).WithMany().HasForeignKey(e => e.DiplomaTrackId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.TrainingCentreId, e.AcademicYear, e.TradeId, e.DiplomaTrackId }).IsUnique();
    }
}

internal sealed class HostProfessionalConfiguration : IEntityTypeConfiguration<HostProfessional>
{
    public void Configure(EntityTypeBuilder<HostProfessional> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Name).HasMaxLength(HostProfessional.NameMaxLength).IsRequired();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.City).HasMaxLength(HostProfessional.CityMaxLength).IsRequired();
        b.Property(e => e.Contact).HasMaxLength(HostProfessional.ContactMaxLength);
        b.HasOne(e => e.Trade).WithMany().HasForeignKey(e => e.TradeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.RegionId, e.Name });
    }
}

internal sealed class HostPlacementConfiguration : IEntityTypeConfiguration<HostPlacement>
{
    public void Configure(EntityTypeBuilder<HostPlacement> b)
    {
        b.ConfigureEntity();
        b.HasOne(e => e.Enrolment).WithMany(e => e.Placements).HasForeignKey(e => e.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.HostProfessional).WithMany().HasForeignKey(e => e.HostProfessionalId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.TrainingCentreId, e.EnrolmentId });
    }
}

internal sealed class MonthlyAttendanceConfiguration : IEntityTypeConfiguration<MonthlyAttendance>
{
    public void Configure(EntityTypeBuilder<MonthlyAttendance> b)
    {
        b.ConfigureEntity();
        b.Ignore(e => e.Rate);
        b.HasOne(e => e.Enrolment).WithMany(e => e.Attendance).HasForeignKey(e => e.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.EnrolmentId, e.Year, e.Month }).IsUnique();
        b.HasIndex(e => new { e.TrainingCentreId, e.Year, e.Month });
    }
}
