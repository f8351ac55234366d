using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

public sealed class DashboardFigureConfiguration : IEntityTypeConfiguration<DashboardFigure>
{
    public void Configure(EntityTypeBuilder<DashboardFigure> builder)
    {
        builder.Property(e => e.Measure).HasMaxLength(DashboardFigure.MeasureMaxLength);
        // A dashboard reads one measure over a range of periods, nationally or for one region.
        builder.HasIndex(e => new { e.Measure, e.Period, e.PeriodMonths, e.RegionId, e.TrainingCentreId });
        builder.HasIndex(e => new { e.Measure, e.RegionId, e.Period });
    }
}

public sealed class DashboardFigureRefreshConfiguration : IEntityTypeConfiguration<DashboardFigureRefresh>
{
    public void Configure(EntityTypeBuilder<DashboardFigureRefresh> builder) => builder.Property(e => e.Id).ValueGeneratedNever();
}
