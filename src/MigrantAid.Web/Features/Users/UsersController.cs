using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Localization;

namespace MigrantAid.Web.Features.Users;

/// <summary>
/// Staff accounts: Administrator creates and changes them; a RegionalManager sees the users
/// of their region, read-only. Each action names its policy (they would combine if the
/// controller carried one too).
/// </summary>
[Route("Admin/Users/[action]/{id?}")]
public sealed class UsersController(
    AppDbContext db, UserManager<ApplicationUser> users, CurrentUser currentUser,
    IStringLocalizer<SharedResource> l, ILogger<UsersController> logger, TimeProvider clock) : Controller
{
    public const int PageSize = 25;

    [Authorize(Permissions.UsersRead), HttpGet("/Admin/Users")]
    public async Task<IActionResult> Index(string? q, string? role, int page = 1, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking();
        // Reviewed scope rule: users are not a scoped entity; a regional manager lists only their region.
        if (!currentUser.Has(Permissions.UsersManage))
        {
            var region = currentUser.RegionId ?? -1;
            query = query.Where(u => u.RegionId == region || u.TrainingCentre!.RegionId == region);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.StartsWith(term) || u.DisplayName.StartsWith(q.Trim()));
        }
        if (Roles.All.Contains(role))
        {
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(ct);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var language = Cultures.Current;
        var now = clock.GetUtcNow();
        var rows = await query.OrderBy(u => u.NormalizedEmail).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new UserRow(u.Id, u.Email!, u.DisplayName,
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
                u.Region == null ? null : language == "ar" ? u.Region.NameAr : language == "en" ? u.Region.NameEn : u.Region.NameFr,
                u.TrainingCentre != null ? u.TrainingCentre.Name
                    : u.Partner == null ? null : language == "ar" ? u.Partner.NameAr : language == "en" ? u.Partner.NameEn : u.Partner.NameFr,
                u.IsActive, u.LockoutEnd, u.TwoFactorEnabled))
            .ToListAsync(ct);
        rows = rows.Select(r => r with { LockedOut = r.LockoutEnd > now }).ToList();
        return View(new UserListViewModel(q, role, page, total, PageSize, rows, currentUser.Has(Permissions.UsersManage)));
    }

    [Authorize(Permissions.UsersManage), HttpGet]
    public async Task<IActionResult> Create() => View("Edit", await EditModelAsync(new UserForm()));

    [Authorize(Permissions.UsersManage), HttpPost]
    public async Task<IActionResult> Create(UserForm form, [FromServices] UserFormValidator validator)
    {
        var (valid, regionId, centreId) = await ValidateAsync(form, validator);
        if (!valid)
        {
            return View("Edit", await EditModelAsync(form));
        }
        var user = new ApplicationUser
        {
            UserName = form.Email.Trim(), Email = form.Email.Trim(), EmailConfirmed = true, DisplayName = form.DisplayName.Trim(),
            MustChangePassword = true, CreatedAt = clock.GetUtcNow(),
        };
        ApplyScope(user, form, regionId, centreId);
        var password = TemporaryPassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            created.Errors.ToList().ForEach(e => ModelState.AddModelError(nameof(form.Email), e.Description));
            return View("Edit", await EditModelAsync(form));
        }
        await users.AddToRoleAsync(user, form.Role);
        logger.LogInformation("User {UserId} created with role {Role}", user.Id, form.Role);
        return View("TemporaryPassword", new TemporaryPasswordViewModel(user.Email!, password));
    }

    [Authorize(Permissions.UsersManage), HttpGet]
    public async Task<IActionResult> Edit(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var centreCode = user.TrainingCentreId is { } c ? await db.TrainingCentres.Where(x => x.Id == c).Select(x => x.Code).SingleAsync() : null;
        var form = new UserForm
        {
            Id = user.Id, Email = user.Email!, DisplayName = user.DisplayName, Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "",
            RegionId = user.RegionId, CentreCode = centreCode, PartnerId = user.PartnerId,
        };
        return View(await EditModelAsync(form, user));
    }

    [Authorize(Permissions.UsersManage), HttpPost]
    public async Task<IActionResult> Edit(string id, UserForm form, [FromServices] UserFormValidator validator)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        form.Id = id;
        form.Email = user.Email!;
        var (valid, regionId, centreId) = await ValidateAsync(form, validator);
        if (!valid)
        {
            return View(await EditModelAsync(form, user));
        }
        user.DisplayName = form.DisplayName.Trim();
        ApplyScope(user, form, regionId, centreId);
        await users.UpdateAsync(user);
        var roles = await users.GetRolesAsync(user);
        if (!roles.SequenceEqual([form.Role]))
        {
            await users.RemoveFromRolesAsync(user, roles);
            await users.AddToRoleAsync(user, form.Role);
        }
        // A new role or scope takes effect at once: the person signs in again.
        await EndSessionsAsync(user);
        TempData["Success"] = l["Users.Saved"].Value;
        return RedirectToAction(nameof(Edit), new { id });
    }

    [Authorize(Permissions.UsersManage), HttpPost]
    public async Task<IActionResult> Deactivate(string id) => await ChangeAsync(id, async user =>
    {
        if (user.Id == currentUser.Id)
        {
            return false;
        }
        user.IsActive = false;
        await users.UpdateAsync(user);
        await EndSessionsAsync(user);
        return true;
    }, "Users.Deactivated");

    [Authorize(Permissions.UsersManage), HttpPost]
    public async Task<IActionResult> Reactivate(string id) => await ChangeAsync(id, async user =>
    {
        user.IsActive = true;
        await users.UpdateAsync(user);
        return true;
    }, "Users.Reactivated");

    [Authorize(Permissions.UsersManage), HttpPost]
    public async Task<IActionResult> Unlock(string id) => await ChangeAsync(id, async user =>
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }, "Users.Unlocked");

    [Authorize(Permissions.UsersManage), HttpPost]
    public async Task<IActionResult> ResetPassword(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var password = TemporaryPassword();
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password);
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await EndSessionsAsync(user);
        logger.LogInformation("Password reset for user {UserId}", user.Id);
        return View("TemporaryPassword", new TemporaryPasswordViewModel(user.Email!, password));
    }

    private async Task<IActionResult> ChangeAsync(string id, Func<ApplicationUser, Task<bool>> change, string message)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        TempData["Success"] = await change(user) ? l[message].Value : null;
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task EndSessionsAsync(ApplicationUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        await SessionStore.EndAllAsync(db, user.Id);
    }

    private async Task<(bool Valid, int? RegionId, int? CentreId)> ValidateAsync(UserForm form, UserFormValidator validator)
    {
        var result = await validator.ValidateAsync(form);
        result.AddTo(ModelState);
        int? centreId = null, regionId = form.RegionId;
        if (AccessModel.ScopeOf(form.Role) == ScopeKind.Centre && !string.IsNullOrWhiteSpace(form.CentreCode))
        {
            var centre = await db.TrainingCentres.Where(c => c.Code == form.CentreCode.Trim()).Select(c => new { c.Id, c.RegionId }).SingleOrDefaultAsync();
            if (centre is null)
            {
                ModelState.AddModelError(nameof(form.CentreCode), l["Users.CentreNotFound"]);
            }
            else
            {
                (centreId, regionId) = (centre.Id, centre.RegionId);
            }
        }
        if (regionId is { } r && !await db.Regions.AnyAsync(x => x.Id == r))
        {
            ModelState.AddModelError(nameof(form.RegionId), l["Users.RegionRequired"]);
        }
        if (form.PartnerId is { } p && !await db.Partners.AnyAsync(x => x.Id == p))
        {
            ModelState.AddModelError(nameof(form.PartnerId), l["Users.PartnerRequired"]);
        }
        return (ModelState.IsValid, regionId, centreId);
    }

    private static void ApplyScope(ApplicationUser user, UserForm form, int? regionId, int? centreId)
    {
        // Scope follows the role's scope kind in the access model: national roles carry none, a director their centre (and its region).
        var kind = AccessModel.ScopeOf(form.Role);
        user.RegionId = kind is ScopeKind.Region or ScopeKind.Centre ? regionId : null;
        user.TrainingCentreId = kind == ScopeKind.Centre ? centreId : null;
        user.PartnerId = kind == ScopeKind.Partner ? form.PartnerId : null;
    }

    /// <summary>A random temporary password, shown once to the administrator; the user must change it.</summary>
    private static string TemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Join("-", Enumerable.Range(0, 4).Select(_ => new string(RandomNumberGenerator.GetItems<char>(alphabet, 5))));
    }

    private async Task<UserEditViewModel> EditModelAsync(UserForm form, ApplicationUser? user = null)
    {
        var language = Cultures.Current;
        var regions = (await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync()).Select(r => new Option(r.Id, r.Name(language))).ToList();
        var partners = (await db.Partners.AsNoTracking().OrderBy(p => p.Code).ToListAsync()).Select(p => new Option(p.Id, p.Name(language))).ToList();
        return new UserEditViewModel(form, regions, partners, user?.IsActive ?? true,
            user?.LockoutEnd > clock.GetUtcNow(), user?.TwoFactorEnabled ?? false, user?.Id == currentUser.Id);
    }
}

public sealed record Option(int Id, string Name);
public sealed record UserRow(string Id, string Email, string DisplayName, string? Role, string? Region, string? Centre,
    bool IsActive, DateTimeOffset? LockoutEnd, bool TwoFactor, bool LockedOut = false);
public sealed record UserListViewModel(string? Query, string? Role, int Page, int Total, int PageSize, IReadOnlyList<UserRow> Rows, bool CanEdit)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
public sealed record UserEditViewModel(UserForm Form, IReadOnlyList<Option> Regions, IReadOnlyList<Option> Partners,
    bool IsActive, bool IsLockedOut, bool TwoFactor, bool IsSelf);
public sealed record TemporaryPasswordViewModel(string Email, string Password);
