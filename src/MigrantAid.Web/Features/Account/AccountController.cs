using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;

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
    public async Task<IActionResult> Login(LoginForm form, [FromServices] LoginFormValidator validator, [FromServices] PasswordSignIn passwordSignIn)
    {
        var validation = await validator.ValidateAsync(form);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState);
            return View(form);
        }
        // The same answer, after the same work, for an unknown address and a wrong password;
        // failures count toward lockout for both.
        var (user, result) = await passwordSignIn.SignInAsync(form.Email.Trim(), form.Password);
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl });
        }
        if (result.Succeeded)
        {
            await RecordAsync(AuditAction.SignIn, user!);
            logger.LogInformation("Sign-in succeeded for user {UserId}", user!.Id);
            return LocalRedirect(Infrastructure.Security.LocalUrls.ForRedirect(Url, form.ReturnUrl));
        }
        var action = result.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed;
        // An address without an account is audited without the address (it may be a password typed in the wrong field).
        db.AuditEntries.Add(user is null
            ? auditTrail.Event(action, nameof(ApplicationUser), null)
            : auditTrail.Event(action, nameof(ApplicationUser), user.Id, user.Id, user.Email));
        await db.SaveChangesAsync();
        logger.LogWarning("Sign-in refused ({Outcome}) for {UserId}", result.IsLockedOut ? "locked out" : "failed", user?.Id ?? "an address without account");
        ModelState.AddModelError("", result.IsLockedOut ? localizer["Account.LockedOut"] : localizer["Account.InvalidSignIn"]);
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
