using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class EnrolmentRiskConfiguration : IEntityTypeConfiguration<EnrolmentRisk>
{
    public void Configure(EntityTypeBuilder<EnrolmentRisk> b)
    {
        b.HasKey(r => r.EnrolmentId);
        b.Property(r => r.EnrolmentId).ValueGeneratedNever();
        b.HasOne<Enrolment>().WithOne().HasForeignKey<EnrolmentRisk>(r => r.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        // A region's or a centre's list: the rows with a reason, still valid today, from the index alone.
        b.HasIndex(r => new { r.RegionId, r.TrainingCentreId, r.ReasonCount, r.ValidThrough });
    }
}
