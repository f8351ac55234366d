using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Centres;

public sealed class CentreForm
{
    public Guid Version { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? NameArabic { get; set; }
    public CentreKind? Kind { get; set; }
    public int? RegionId { get; set; }
    public int? ProvinceId { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    public int? Capacity { get; set; }
    public List<int> TradeIds { get; set; } = [];

    public static CentreForm From(TrainingCentre c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Version = c.Version, Code = c.Code, Name = c.Name, NameArabic = c.NameArabic, Kind = c.Kind, RegionId = c.RegionId,
            ProvinceId = c.ProvinceId, City = c.City, Address = c.Address, Capacity = c.Capacity, TradeIds = c.Trades.Select(t => t.TradeId).ToList(),
        };
    }

    public void ApplyTo(TrainingCentre c)
    {
        ArgumentNullException.ThrowIfNull(c);
        c.Code = Code!.Trim();
        c.Name = Name!.Trim();
        c.NameArabic = string.IsNullOrWhiteSpace(NameArabic) ? null : NameArabic.Trim();
        c.Kind = Kind!.Value;
        c.RegionId = RegionId!.Value;
        c.ProvinceId = ProvinceId;
        c.City = City!.Trim();
        c.Address = string.IsNullOrWhiteSpace(Address) ? null : Address.Trim();
        c.Capacity = Capacity ?? 0;
        c.Trades.RemoveAll(t => !TradeIds.Contains(t.TradeId));
        foreach (var id in TradeIds.Distinct().Where(id => c.Trades.All(t => t.TradeId != id)))
        {
            c.Trades.Add(new CentreTrade { TradeId = id });
        }
    }
}

public sealed class CentreFormValidator : AbstractValidator<CentreForm>
{
    public CentreFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Code).NotEmpty().WithMessage(_ => l["Centres.CodeRequired"])
            .MaximumLength(TrainingCentre.CodeMaxLength).WithMessage(_ => l["Centres.TooLong", TrainingCentre.CodeMaxLength]);
        RuleFor(f => f.Name).NotEmpty().WithMessage(_ => l["Centres.NameRequired"])
            .MaximumLength(TrainingCentre.NameMaxLength).WithMessage(_ => l["Centres.TooLong", TrainingCentre.NameMaxLength]);
        RuleFor(f => f.NameArabic).MaximumLength(TrainingCentre.NameMaxLength).WithMessage(_ => l["Centres.TooLong", TrainingCentre.NameMaxLength]);
        RuleFor(f => f.Kind).NotNull().IsInEnum().WithMessage(_ => l["Centres.KindRequired"]);
        RuleFor(f => f.RegionId).NotNull().WithMessage(_ => l["Centres.RegionRequired"]);
        RuleFor(f => f.City).NotEmpty().WithMessage(_ => l["Centres.CityRequired"])
            .MaximumLength(TrainingCentre.CityMaxLength).WithMessage(_ => l["Centres.TooLong", TrainingCentre.CityMaxLength]);
        RuleFor(f => f.Address).MaximumLength(TrainingCentre.AddressMaxLength).WithMessage(_ => l["Centres.TooLong", TrainingCentre.AddressMaxLength]);
        RuleFor(f => f.Capacity).NotNull().WithMessage(_ => l["Centres.CapacityRequired"])
            .InclusiveBetween(0, 100_000).WithMessage(_ => l["Centres.CapacityRequired"]);
    }
}

public sealed class OfferForm
{
    public int? TradeId { get; set; }
    public int? DiplomaTrackId { get; set; }
    public int? AcademicYear { get; set; }
    public int? Capacity { get; set; }
}

public sealed class OfferFormValidator : AbstractValidator<OfferForm>
{
    public OfferFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.TradeId).NotNull().WithMessage(_ => l["Enrolments.TradeRequired"]);
        RuleFor(f => f.DiplomaTrackId).NotNull().WithMessage(_ => l["Enrolments.TrackRequired"]);
        RuleFor(f => f.AcademicYear).NotNull().InclusiveBetween(2000, 2100).WithMessage(_ => l["Enrolments.YearRequired"]);
        RuleFor(f => f.Capacity).NotNull().InclusiveBetween(1, 10_000).WithMessage(_ => l["Centres.OfferCapacityRange"]);
    }
}
