using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Privacy;

public sealed record ConsentRow(int Id, ConsentPurpose Purpose, string? PartnerName, ConsentMethod Method, string? Witness, DateOnly GivenOn,
    DateOnly? ExpiresOn, DateOnly? WithdrawnOn, string? RecordedBy);

public sealed record ConsentPanelModel(int MigrantId, DateOnly Today, IReadOnlyList<ConsentRow> Consents, bool MayWrite);

/// <summary>On the case file: the person's consents per purpose, to record and withdraw (staff who may read sensitive fields).</summary>
public sealed class ConsentPanelViewComponent(AppDbContext db, CurrentUser user, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int recordId)
    {
        if (!MigrantAccess.MaySeeSensitive(user))
        {
            return Content("");
        }
        var ct = HttpContext.RequestAborted;
        var file = await db.Migrants.AsNoTracking().Where(m => m.Id == recordId).Select(m => new { m.Id, m.RegionId }).SingleOrDefaultAsync(ct);
        if (file is null)
        {
            return Content("");
        }
        var consents = await db.Consents.AsNoTracking().Where(c => c.MigrantId == recordId)
            .OrderBy(c => c.Purpose).ThenByDescending(c => c.GivenOn).ThenByDescending(c => c.Id)
            .Select(c => new ConsentRow(c.Id, c.Purpose, c.PartnerName, c.Method, c.Witness, c.GivenOn, c.ExpiresOn, c.WithdrawnOn,
                db.Users.Where(u => u.Id == c.RecordedById).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(ct);
        return View("~/Features/Privacy/_ConsentPanel.cshtml",
            new ConsentPanelModel(recordId, clock.Today(), consents, MigrantAccess.MayWriteInRegion(user, file.RegionId)));
    }
}

public sealed record ExpiringConsentsHomeModel(int Count);

/// <summary>On the home page of regional staff: how many consents of their region expired or expire soon.</summary>
public sealed class ExpiringConsentsHomeViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var limit = clock.Today().AddDays(ConsentRules.ExpiringWindowDays);
        var count = await db.Consents.AsNoTracking()
            .CountAsync(c => c.WithdrawnOn == null && c.ExpiresOn != null && c.ExpiresOn <= limit && c.Migrant!.MergedIntoId == null, HttpContext.RequestAborted);
        return View("~/Features/Privacy/_ExpiringConsentsHome.cshtml", new ExpiringConsentsHomeModel(count));
    }
}

/// <summary>Consents given and withdrawn, on the case file's timeline.</summary>
public sealed class ConsentTimelineSource(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> l) : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineItem>> GetAsync(int migrantId, CancellationToken ct)
    {
        if (!MigrantAccess.MaySeeSensitive(user))
        {
            return [];
        }
        var consents = await db.Consents.AsNoTracking().Where(c => c.MigrantId == migrantId)
            .Select(c => new { c.Purpose, c.PartnerName, c.GivenOn, c.WithdrawnOn }).ToListAsync(ct);
        var items = new List<TimelineItem>();
        foreach (var c in consents)
        {
            var purpose = l["ConsentPurpose." + c.Purpose].Value;
            items.Add(new TimelineItem(c.GivenOn, "Privacy.Timeline.Consent", l["Privacy.Timeline.Given", purpose], c.PartnerName));
            if (c.WithdrawnOn is { } w)
            {
                items.Add(new TimelineItem(w, "Privacy.Timeline.Consent", l["Privacy.Timeline.Withdrawn", purpose], c.PartnerName));
            }
        }
        return items;
    }
}
