using FluentValidation;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Features.Account;

public sealed class TwoFactorForm
{
    public string? Code { get; set; }
    public bool UseRecoveryCode { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>The password asked before an active authenticator's key is shown again or replaced.</summary>
public sealed class AuthenticatorKeyForm
{
    public string? Password { get; set; }
    public bool Reset { get; set; }
}

public sealed class ChangePasswordForm
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"]);
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"])
            .MinimumLength(12).WithMessage(_ => l["Password.TooShort", 12]);
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage(_ => l["Password.ConfirmMismatch"]);
    }
}
