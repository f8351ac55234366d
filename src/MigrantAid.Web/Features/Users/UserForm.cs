using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Users;

public sealed class UserForm
{
    public string? Id { get; set; }
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public int? RegionId { get; set; }
    /// <summary>The centre's code (1,600+ centres: typed, not picked from a list).</summary>
    public string? CentreCode { get; set; }
    public int? PartnerId { get; set; }
}

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage(_ => l["Account.EmailRequired"])
            .EmailAddress().WithMessage(_ => l["Account.EmailInvalid"]).MaximumLength(256);
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage(_ => l["Users.DisplayNameRequired"])
            .MaximumLength(ApplicationUser.DisplayNameMaxLength).WithMessage(_ => l["Common.TooLong", ApplicationUser.DisplayNameMaxLength]);
        RuleFor(f => f.Role).Must(r => Roles.All.Contains(r)).WithMessage(_ => l["Users.RoleRequired"]);
        RuleFor(f => f.RegionId).NotNull().When(f => AccessModel.ScopeOf(f.Role) == ScopeKind.Region)
            .WithMessage(_ => l["Users.RegionRequired"]);
        RuleFor(f => f.CentreCode).NotEmpty().When(f => AccessModel.ScopeOf(f.Role) == ScopeKind.Centre)
            .WithMessage(_ => l["Users.CentreRequired"]);
        RuleFor(f => f.PartnerId).NotNull().When(f => AccessModel.ScopeOf(f.Role) == ScopeKind.Partner)
            .WithMessage(_ => l["Users.PartnerRequired"]);
    }
}
