namespace MigrantAid.Web.Domain;

/// <summary>
/// A signed-in session, kept on the server: the cookie holds only its key. Signing out or
/// deactivating the user deletes the row, so the session ends at once; a session also ends
/// after 30 minutes idle or 8 hours in all.
/// </summary>
public class UserSession
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public byte[] Ticket { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
