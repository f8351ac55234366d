using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auditing;

namespace MigrantAid.Web.Features.Account;

public sealed partial class AccountController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    AppDbContext db,
    AuditTrail auditTrail,
    IStringLocalizer<SharedResource> localizer,
    ILogger<AccountController> logger) : Controller
{
    [AllowAnonymous, HttpGet]
    public IActionResult Login(string? returnUrl = null) =>
        View(new LoginForm { ReturnUrl = returnUrl });

    [AllowAnonymous, HttpPost]
    public async Task<IActionResult> Login(LoginForm form, [FromServices] LoginFormValidator validator)
    {
        var validation = await validator.ValidateAsync(form);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState);
            return View(form);
        }
        var user = await userManager.FindByEmailAsync(form.Email.Trim());
        if (user is { IsActive: false })
        {
            user = null;
        }
        // The same message for an unknown user and a wrong password; failures count toward lockout.
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signInManager.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl });
        }
        if (result.Succeeded)
        {
            await RecordAsync(AuditAction.SignIn, user!);
            logger.LogInformation("Sign-in succeeded for user {UserId}", user!.Id);
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        if (result.IsLockedOut)
        {
            await RecordAsync(AuditAction.LockedOut, user!);
            logger.LogWarning("Sign-in refused: user {UserId} is locked out", user!.Id);
            ModelState.AddModelError("", localizer["Account.LockedOut"]);
        }
        else
        {
            if (user is not null)
            {
                await RecordAsync(AuditAction.SignInFailed, user);
            }
            logger.LogWarning("Sign-in failed for {UserId}", user?.Id ?? "unknown user");
            ModelState.AddModelError("", localizer["Account.InvalidSignIn"]);
        }
        form.Password = "";
        return View(form);
    }

    [Authorize, HttpPost]
    public async Task<IActionResult> Logout()
    {
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    private async Task RecordAsync(AuditAction action, ApplicationUser user)
    {
        db.AuditEntries.Add(auditTrail.Event(action, nameof(ApplicationUser), user.Id, user.Id, user.Email));
        await db.SaveChangesAsync();
    }
}
