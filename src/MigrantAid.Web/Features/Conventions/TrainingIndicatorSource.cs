using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>
/// The indicators that come from the registry and the training records: people registered,
/// enrolled, completed, certified, in work six months after, dropouts — each a fact per
/// attributed enrolment, dated by the event it counts. The calculator counts each person once.
/// </summary>
public sealed class TrainingIndicatorSource : IIndicatorSource
{
    public IReadOnlyCollection<IndicatorKind> Kinds { get; } =
    [
        IndicatorKind.NewRegistrations, IndicatorKind.PeopleEnrolled, IndicatorKind.PeopleCompleted,
        IndicatorKind.PeopleCertified, IndicatorKind.PeopleEmployedAfterSixMonths, IndicatorKind.Dropouts,
    ];

    private static readonly TrainingOutcome[] InWork = [TrainingOutcome.EmployedByHost, TrainingOutcome.EmployedElsewhere, TrainingOutcome.SelfEmployed];

    public IQueryable<IndicatorFact> Facts(AppDbContext db, IndicatorKind kind, IReadOnlyCollection<int> conventionIds, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = conventionIds.ToArray();
        var attributed = db.ConventionAttributions.Where(a => a.RecordKind == AttributedRecordKind.Enrolment && ids.Contains(a.PartnerConventionId));
        // Scope bypass: the reporting path counts attributed enrolments of every centre; only grouped numbers leave it, for conventions the caller may read.
        var enrolments = db.Enrolments.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        // Scope bypass: the same reporting path reads sex, birth year, nationality of the enrolled people (never a name or number).
        var migrants = db.Migrants.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var rows = from a in attributed
                   join e in enrolments on a.RecordId equals e.Id
                   join m in migrants on e.MigrantId equals m.Id
                   select new Row { ConventionId = a.PartnerConventionId, E = e, M = m };

        return kind switch
        {
            IndicatorKind.PeopleEnrolled => rows.Where(r => r.E.EnrolledOn != null && r.E.StartDate >= from && r.E.StartDate < to)
                .Select(r => new IndicatorFact
                {
                    ConventionId = r.ConventionId, Date = r.E.StartDate, MigrantId = r.M.Id, Sex = r.M.Sex, NationalityId = r.M.NationalityId,
                    BirthYear = r.M.BirthDate != null ? r.M.BirthDate.Value.Year : r.M.BirthYear, RegionId = r.E.RegionId,
                    HeadCount = 1, Child = null, Quantity = 1, Category = null, Disability = r.M.HasDisability,
                }),
            IndicatorKind.PeopleCompleted => rows.Where(r => r.E.CompletedOn >= from && r.E.CompletedOn < to)
                .Select(r => new IndicatorFact
                {
                    ConventionId = r.ConventionId, Date = r.E.CompletedOn!.Value, MigrantId = r.M.Id, Sex = r.M.Sex, NationalityId = r.M.NationalityId,
                    BirthYear = r.M.BirthDate != null ? r.M.BirthDate.Value.Year : r.M.BirthYear, RegionId = r.E.RegionId,
                    HeadCount = 1, Child = null, Quantity = 1, Category = null, Disability = r.M.HasDisability,
                }),
            IndicatorKind.PeopleCertified => rows.Where(r => r.E.CertifiedOn >= from && r.E.CertifiedOn < to)
                .Select(r => new IndicatorFact
                {
                    ConventionId = r.ConventionId, Date = r.E.CertifiedOn!.Value, MigrantId = r.M.Id, Sex = r.M.Sex, NationalityId = r.M.NationalityId,
                    BirthYear = r.M.BirthDate != null ? r.M.BirthDate.Value.Year : r.M.BirthYear, RegionId = r.E.RegionId,
                    HeadCount = 1, Child = null, Quantity = 1, Category = null, Disability = r.M.HasDisability,
                }),
            IndicatorKind.Dropouts => rows.Where(r => r.E.DroppedOutOn >= from && r.E.DroppedOutOn < to)
                .Select(r => new IndicatorFact
                {
                    ConventionId = r.ConventionId, Date = r.E.DroppedOutOn!.Value, MigrantId = r.M.Id, Sex = r.M.Sex, NationalityId = r.M.NationalityId,
                    BirthYear = r.M.BirthDate != null ? r.M.BirthDate.Value.Year : r.M.BirthYear, RegionId = r.E.RegionId,
                    HeadCount = 1, Child = null, Quantity = 1, Category = null, Disability = r.M.HasDisability,
                }),
            // In work or self-employed when followed up, at least six months after completion.
            IndicatorKind.PeopleEmployedAfterSixMonths => rows.Where(r => r.E.Outcome != null && InWork.Contains(r.E.Outcome.Value)
                    && r.E.OutcomeRecordedOn >= r.E.FollowUpDueOn && r.E.OutcomeRecordedOn >= from && r.E.OutcomeRecordedOn < to)
                .Select(r => new IndicatorFact
                {
                    ConventionId = r.ConventionId, Date = r.E.OutcomeRecordedOn!.Value, MigrantId = r.M.Id, Sex = r.M.Sex, NationalityId = r.M.NationalityId,
                    BirthYear = r.M.BirthDate != null ? r.M.BirthDate.Value.Year : r.M.BirthYear, RegionId = r.E.RegionId,
                    HeadCount = 1, Child = null, Quantity = 1, Category = null, Disability = r.M.HasDisability,
                }),
            // Files opened in the period (the file's creation is a timestamp: the fact is dated by the period's start).
            IndicatorKind.NewRegistrations => rows.Where(r => r.M.CreatedAt >= Utc(from) && r.M.CreatedAt < Utc(to))
                .Select(r => new IndicatorFact
                {
                    ConventionId = r.ConventionId, Date = from, MigrantId = r.M.Id, Sex = r.M.Sex, NationalityId = r.M.NationalityId,
                    BirthYear = r.M.BirthDate != null ? r.M.BirthDate.Value.Year : r.M.BirthYear, RegionId = r.M.RegionId,
                    HeadCount = 1, Child = null, Quantity = 1, Category = null, Disability = r.M.HasDisability,
                }),
            _ => Enumerable.Empty<IndicatorFact>().AsQueryable(),
        };
    }

    private static DateTimeOffset Utc(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private sealed class Row
    {
        public int ConventionId { get; init; }
        public Enrolment E { get; init; } = null!;
        public Migrant M { get; init; } = null!;
    }
}
