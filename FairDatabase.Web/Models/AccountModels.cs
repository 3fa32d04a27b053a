using FairDatabase.Core.Auth;

namespace FairDatabase.Web.Models;

/// <summary>/account/sessions: the user's live sessions, which one this browser uses, and an outcome message.</summary>
public sealed record SessionsPageModel(IReadOnlyList<UserSession> Sessions, Guid? CurrentSessionId, PageMessage? Message);
