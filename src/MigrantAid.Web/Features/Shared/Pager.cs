namespace MigrantAid.Web.Features;

/// <summary>Numbered pager for list pages.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link);
