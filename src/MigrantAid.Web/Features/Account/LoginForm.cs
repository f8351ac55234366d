using FluentValidation;
using Microsoft.Extensions.Localization;

namespace MigrantAid.Web.Features.Account;

public sealed class LoginForm
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage(_ => l["Account.EmailRequired"])
            .EmailAddress().WithMessage(_ => l["Account.EmailInvalid"]);
        RuleFor(f => f.Password).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"]);
    }
}
