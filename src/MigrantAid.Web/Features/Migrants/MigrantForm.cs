using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// The migrant form. Its property names are the contract of the issue: the CSV import uses
/// the same names as column headers.
/// </summary>
public sealed class MigrantForm
{
    public string? FamilyName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyNameArabic { get; set; }
    public string? GivenNameArabic { get; set; }
    public Sex? Sex { get; set; }
    public DateOnly? BirthDate { get; set; }
    public int? BirthYear { get; set; }
    public string? NationalityCode { get; set; }
    public string? Languages { get; set; }
    public string? Phone { get; set; }
    public int? RegionId { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    public DateOnly? ArrivalDate { get; set; }
    public AdministrativeStatus? AdministrativeStatus { get; set; }
    public int? RegularisationYear { get; set; }
    public string? ResidenceCardNumber { get; set; }
    public DateOnly? ResidenceCardExpiry { get; set; }
    public string? UnhcrNumber { get; set; }
    public EducationLevel? EducationLevel { get; set; }
    public string? Skills { get; set; }
    public List<Vulnerability> Vulnerabilities { get; set; } = [];
    // Washington Group Short Set (each optional).
    public FunctioningDifficulty? WgSeeing { get; set; }
    public FunctioningDifficulty? WgHearing { get; set; }
    public FunctioningDifficulty? WgWalking { get; set; }
    public FunctioningDifficulty? WgRemembering { get; set; }
    public FunctioningDifficulty? WgSelfCare { get; set; }
    public FunctioningDifficulty? WgCommunicating { get; set; }
    public bool ConsentGiven { get; set; }
    public string? ConsentScope { get; set; }

    /// <summary>The user saw the possible duplicates and confirmed this is another person.</summary>
    public bool ConfirmNotDuplicate { get; set; }
    /// <summary>Concurrency token of the file as it was when the edit form was opened.</summary>
    public Guid Version { get; set; }

    public static MigrantForm From(Migrant m, string nationalityCode) => new()
    {
        FamilyName = m.FamilyName, GivenName = m.GivenName, FamilyNameArabic = m.FamilyNameArabic, GivenNameArabic = m.GivenNameArabic,
        Sex = m.Sex, BirthDate = m.BirthDate, BirthYear = m.BirthDate is null ? m.BirthYear : null, NationalityCode = nationalityCode,
        Languages = m.Languages, Phone = m.Phone, RegionId = m.RegionId, City = m.City, Address = m.Address, ArrivalDate = m.ArrivalDate,
        AdministrativeStatus = m.AdministrativeStatus, RegularisationYear = m.RegularisationYear, ResidenceCardNumber = m.ResidenceCardNumber,
        ResidenceCardExpiry = m.ResidenceCardExpiry, UnhcrNumber = m.UnhcrNumber, EducationLevel = m.EducationLevel, Skills = m.Skills,
        Vulnerabilities = Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None && m.Vulnerabilities.HasFlag(v)).ToList(),
        WgSeeing = m.WgSeeing, WgHearing = m.WgHearing, WgWalking = m.WgWalking, WgRemembering = m.WgRemembering, WgSelfCare = m.WgSelfCare,
        WgCommunicating = m.WgCommunicating,
        ConsentGiven = m.ConsentGiven, ConsentScope = m.ConsentScope, Version = m.Version,
    };

    /// <summary>Copies the (validated) form onto the file and refreshes its search keys.</summary>
    public void ApplyTo(Migrant m, int nationalityId, string? userId, DateOnly today)
    {
        m.FamilyName = FamilyName!.Trim();
        m.GivenName = GivenName!.Trim();
        m.FamilyNameArabic = Clean(FamilyNameArabic);
        m.GivenNameArabic = Clean(GivenNameArabic);
        m.Sex = Sex!.Value;
        m.BirthDate = BirthDate;
        // The year is always stored: searches by age and the duplicate check read one column.
        m.BirthYear = BirthDate?.Year ?? BirthYear;
        m.NationalityId = nationalityId;
        m.Languages = Clean(Languages);
        m.Phone = Clean(Phone);
        m.RegionId = RegionId!.Value;
        m.City = Clean(City);
        m.Address = Clean(Address);
        m.ArrivalDate = ArrivalDate;
        m.AdministrativeStatus = AdministrativeStatus ?? Domain.AdministrativeStatus.Unknown;
        m.RegularisationYear = RegularisationYear;
        m.ResidenceCardNumber = Migrant.NormalizeDocumentNumber(ResidenceCardNumber);
        m.ResidenceCardExpiry = ResidenceCardExpiry;
        m.UnhcrNumber = Migrant.NormalizeDocumentNumber(UnhcrNumber);
        m.EducationLevel = EducationLevel ?? Domain.EducationLevel.Unknown;
        m.Skills = Clean(Skills);
        m.Vulnerabilities = Vulnerabilities.Aggregate(Vulnerability.None, (a, v) => a | v);
        m.WgSeeing = WgSeeing;
        m.WgHearing = WgHearing;
        m.WgWalking = WgWalking;
        m.WgRemembering = WgRemembering;
        m.WgSelfCare = WgSelfCare;
        m.WgCommunicating = WgCommunicating;
        if (ConsentGiven && (!m.ConsentGiven || m.ConsentDate is null))
        {
            m.ConsentDate = today;
            m.ConsentRecordedById = userId;
        }
        m.ConsentGiven = ConsentGiven;
        m.ConsentScope = Clean(ConsentScope);
        m.UpdateSearchKeys();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class MigrantFormValidator : AbstractValidator<MigrantForm>
{
    public MigrantFormValidator(IStringLocalizer<SharedResource> l, AppDbContext db, CurrentUser user, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        RuleFor(f => f.FamilyName).NotEmpty().WithMessage(_ => l["Migrants.FamilyNameRequired"])
            .MaximumLength(Migrant.NameMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.NameMaxLength]);
        RuleFor(f => f.GivenName).NotEmpty().WithMessage(_ => l["Migrants.GivenNameRequired"])
            .MaximumLength(Migrant.NameMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.NameMaxLength]);
        RuleFor(f => f.FamilyNameArabic).MaximumLength(Migrant.NameMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.NameMaxLength])
            .Must(BeArabic).WithMessage(_ => l["Migrants.ArabicScriptExpected"]);
        RuleFor(f => f.GivenNameArabic).MaximumLength(Migrant.NameMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.NameMaxLength])
            .Must(BeArabic).WithMessage(_ => l["Migrants.ArabicScriptExpected"]);
        RuleFor(f => f.Sex).NotNull().WithMessage(_ => l["Migrants.SexRequired"]).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.BirthDate).NotNull().When(f => f.BirthYear is null, ApplyConditionTo.CurrentValidator).WithMessage(_ => l["Migrants.BirthRequired"])
            .Must(d => d is null || (d.Value <= today && d.Value.Year >= 1900)).WithMessage(_ => l["Migrants.BirthDateInvalid"]);
        RuleFor(f => f.BirthYear).InclusiveBetween(1900, today.Year).When(f => f.BirthYear is not null, ApplyConditionTo.CurrentValidator).WithMessage(_ => l["Migrants.BirthYearInvalid", today.Year])
            .Must((f, y) => f.BirthDate is null || y is null || f.BirthDate.Value.Year == y).WithMessage(_ => l["Migrants.BirthYearMismatch"]);
        RuleFor(f => f.NationalityCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(_ => l["Migrants.NationalityRequired"])
            .MustAsync(async (code, ct) => (await CountryCodesAsync(db, ct)).Contains(code!.Trim()))
            .When(f => !string.IsNullOrWhiteSpace(f.NationalityCode), ApplyConditionTo.CurrentValidator).WithMessage(_ => l["Migrants.NationalityUnknown"]);
        RuleFor(f => f.RegionId).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => l["Migrants.RegionRequired"])
            .MustAsync(async (id, ct) => (await RegionIdsAsync(db, ct)).Contains(id!.Value)).When(f => f.RegionId is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => l["Validation.ValueUnknown"])
            // Writes are scoped too: a regional user registers only in their own region.
            .Must(id => MigrantAccess.MayWriteInRegion(user, id!.Value)).When(f => f.RegionId is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => l["Migrants.RegionOutOfScope"]);
        RuleFor(f => f.Languages).MaximumLength(Migrant.LanguagesMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.LanguagesMaxLength]);
        RuleFor(f => f.Phone).MaximumLength(Migrant.PhoneMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.PhoneMaxLength])
            .Matches(@"^\+?[0-9 ().\-/]{6,}$").When(f => !string.IsNullOrWhiteSpace(f.Phone), ApplyConditionTo.CurrentValidator).WithMessage(_ => l["Migrants.PhoneInvalid"]);
        RuleFor(f => f.City).MaximumLength(Migrant.CityMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.CityMaxLength]);
        RuleFor(f => f.Address).MaximumLength(Migrant.AddressMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.AddressMaxLength]);
        RuleFor(f => f.ArrivalDate).Must(d => d is null || d.Value <= today).WithMessage(_ => l["Migrants.DateInFuture"])
            .Must((f, d) => d is null || f.BirthDate is null || d.Value >= f.BirthDate.Value).WithMessage(_ => l["Migrants.ArrivalBeforeBirth"]);
        RuleFor(f => f.AdministrativeStatus).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.RegularisationYear).NotNull().When(f => f.AdministrativeStatus == Domain.AdministrativeStatus.Regularised, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => l["Migrants.RegularisationYearRequired"])
            .InclusiveBetween(2014, today.Year).When(f => f.RegularisationYear is not null, ApplyConditionTo.CurrentValidator).WithMessage(_ => l["Migrants.RegularisationYearInvalid", today.Year]);
        RuleFor(f => f.ResidenceCardNumber).MaximumLength(Migrant.DocumentNumberMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.DocumentNumberMaxLength]);
        RuleFor(f => f.UnhcrNumber).MaximumLength(Migrant.DocumentNumberMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.DocumentNumberMaxLength])
            .NotEmpty().When(f => f.AdministrativeStatus == Domain.AdministrativeStatus.Refugee, ApplyConditionTo.CurrentValidator).WithMessage(_ => l["Migrants.UnhcrNumberRequired"]);
        RuleFor(f => f.EducationLevel).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        RuleFor(f => f.Skills).MaximumLength(Migrant.SkillsMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.SkillsMaxLength]);
        RuleForEach(f => f.Vulnerabilities).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        foreach (var answer in new System.Linq.Expressions.Expression<Func<MigrantForm, FunctioningDifficulty?>>[]
            { f => f.WgSeeing, f => f.WgHearing, f => f.WgWalking, f => f.WgRemembering, f => f.WgSelfCare, f => f.WgCommunicating })
        {
            RuleFor(answer).IsInEnum().WithMessage(_ => l["Validation.ValueUnknown"]);
        }
        RuleFor(f => f.ConsentGiven).Equal(true).WithMessage(_ => l["Migrants.ConsentRequired"]);
        RuleFor(f => f.ConsentScope).MaximumLength(Migrant.ConsentScopeMaxLength).WithMessage(_ => l["Migrants.TooLong", Migrant.ConsentScopeMaxLength]);
    }

    // Reference data read once per validator (one per request): an import validates thousands of rows.
    private HashSet<string>? countryCodes;
    private HashSet<int>? regionIds;

    private async Task<HashSet<string>> CountryCodesAsync(AppDbContext db, CancellationToken ct) =>
        countryCodes ??= (await db.Countries.AsNoTracking().Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private async Task<HashSet<int>> RegionIdsAsync(AppDbContext db, CancellationToken ct) =>
        regionIds ??= (await db.Regions.AsNoTracking().Select(r => r.Id).ToListAsync(ct)).ToHashSet();

    private static bool BeArabic(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Any(c => c is >= '\u0600' and <= '\u06FF');
}
